/*
 * echo_server.c - a small blocking echo server: one client at a time, each one echoed until it
 * closes, then the server says goodbye and cleans up that client before accepting the next one.
 *
 * Build: x86_64-w64-mingw32-gcc echo_server.c -o echo_server.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GREETING "echo server ready\r\n"

/* Accepts one client and echoes until it closes. Returns -1 if accept itself failed. */
static int serve_next_client(SOCKET listener)
{
    char buf[4096];
    char *log = NULL;
    SOCKET client;
    int n;

    client = accept(listener, NULL, NULL);
    if (client == INVALID_SOCKET) {
        fprintf(stderr, "accept: %d\n", WSAGetLastError());
        return -1;
    }
    if (send(client, GREETING, (int)strlen(GREETING), 0) == SOCKET_ERROR) {
        fprintf(stderr, "greeting failed: %d\n", WSAGetLastError());
        return 0;
    }
    log = (char *)malloc(64 * 1024);
    if (log == NULL)
        goto cleanup;

    while ((n = recv(client, buf, sizeof buf, 0)) > 0) {
        int sent = 0;
        while (sent < n) {
            int m = send(client, buf + sent, n - sent, 0);
            if (m == SOCKET_ERROR)
                goto cleanup;
            sent += m;
        }
    }
    if (n == SOCKET_ERROR)
        goto cleanup;

    /* client finished sending: finish our side too */
    if (!WSASendDisconnect(client, NULL)) {
        fprintf(stderr, "WSASendDisconnect failed: %d\n", WSAGetLastError());
        goto cleanup;
    }

cleanup:
    free(log);
    closesocket(client);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener;
    struct sockaddr_in addr;
    int rc;

    rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        fprintf(stderr, "WSAStartup: %d\n", rc);
        return 1;
    }
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener == INVALID_SOCKET) {
        fprintf(stderr, "socket: %d\n", WSAGetLastError());
        WSACleanup();
        return 1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(7007);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR ||
        listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        fprintf(stderr, "bind/listen: %d\n", WSAGetLastError());
        closesocket(listener);
        WSACleanup();
        return 1;
    }
    while (serve_next_client(listener) == 0)
        ;
    closesocket(listener);
    WSACleanup();
    return 0;
}
