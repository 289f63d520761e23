/*
 * udp_sender.c - sends a few status datagrams to a collector and then "hangs up".
 *
 * Build: x86_64-w64-mingw32-gcc udp_sender.c -o udp_sender.exe -lws2_32
 * Usage: udp_sender [host] [port] [count]
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *host = argc > 1 ? argv[1] : "127.0.0.1";
    const char *port = argc > 2 ? argv[2] : "9999";
    int count = argc > 3 ? atoi(argv[3]) : 5;
    struct addrinfo hints, *dest = NULL;
    WSADATA wsa;
    SOCKET s;
    char msg[128];
    int i, rc;

    /* resolve the collector first so a typo fails fast */
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    rc = getaddrinfo(host, port, &hints, &dest);
    if (rc != 0) {
        fprintf(stderr, "cannot resolve %s:%s (%d)\n", host, port, rc);
        return 1;
    }

    rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        fprintf(stderr, "WSAStartup: %d\n", rc);
        freeaddrinfo(dest);
        return 1;
    }
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET) {
        fprintf(stderr, "socket: %d\n", WSAGetLastError());
        freeaddrinfo(dest);
        WSACleanup();
        return 1;
    }
    for (i = 0; i < count; i++) {
        int len = snprintf(msg, sizeof msg, "status %d of %d: ok", i + 1, count);
        if (sendto(s, msg, len, 0, dest->ai_addr, (int)dest->ai_addrlen) == SOCKET_ERROR)
            fprintf(stderr, "sendto: %d\n", WSAGetLastError());
        Sleep(100);
    }

    /* let the collector know we are done */
    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR)
        fprintf(stderr, "WSASendDisconnect: %d\n", WSAGetLastError());

    closesocket(s);
    freeaddrinfo(dest);
    WSACleanup();
    return 0;
}
