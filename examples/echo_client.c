/*
 * echo_client.c - sends each line typed on stdin to an echo server and prints the reply.
 * When stdin ends, it closes the connection gracefully: FIN first, then it reads until the
 * server has closed its side too, then closesocket.
 *
 * Build: x86_64-w64-mingw32-gcc echo_client.c -o echo_client.exe -lws2_32
 * Usage: echo_client [host] [port]
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static SOCKET connect_to(const char *host, const char *port)
{
    struct addrinfo hints, *list = NULL, *ai;
    SOCKET s = INVALID_SOCKET;
    int rc;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    rc = getaddrinfo(host, port, &hints, &list);
    if (rc != 0) {
        fprintf(stderr, "getaddrinfo(%s, %s): %d\n", host, port, rc);
        return INVALID_SOCKET;
    }
    for (ai = list; ai != NULL; ai = ai->ai_next) {
        s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (s == INVALID_SOCKET)
            continue;
        if (connect(s, ai->ai_addr, (int)ai->ai_addrlen) == 0)
            break;
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(list);
    return s;
}

static int send_all(SOCKET s, const char *buf, int len)
{
    while (len > 0) {
        int n = send(s, buf, len, 0);
        if (n == SOCKET_ERROR)
            return SOCKET_ERROR;
        buf += n;
        len -= n;
    }
    return 0;
}

/* Ends our side, waits (at most timeoutMs per read) for the server to end its side, closes. */
static int close_gracefully(SOCKET s, DWORD timeoutMs)
{
    char scratch[256];
    int ok = 1;

    if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
        fprintf(stderr, "shutdown: %d\n", WSAGetLastError());
        ok = 0;
    } else if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeoutMs, sizeof timeoutMs) == SOCKET_ERROR) {
        ok = 0;
    } else {
        for (;;) {
            int n = recv(s, scratch, sizeof scratch, 0);
            if (n == 0)
                break;
            if (n == SOCKET_ERROR) {
                fprintf(stderr, "no graceful close: %d\n", WSAGetLastError());
                ok = 0;
                break;
            }
            fwrite(scratch, 1, (size_t)n, stdout);
        }
    }
    if (closesocket(s) == SOCKET_ERROR)
        ok = 0;
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *host = argc > 1 ? argv[1] : "127.0.0.1";
    const char *port = argc > 2 ? argv[2] : "7007";
    WSADATA wsa;
    SOCKET s;
    char line[1024], reply[1024];
    int rc;

    rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        fprintf(stderr, "WSAStartup: %d\n", rc);
        return 1;
    }
    s = connect_to(host, port);
    if (s == INVALID_SOCKET) {
        fprintf(stderr, "cannot connect to %s:%s\n", host, port);
        WSACleanup();
        return 1;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        int len = (int)strlen(line), got = 0;
        if (send_all(s, line, len) == SOCKET_ERROR) {
            fprintf(stderr, "send: %d\n", WSAGetLastError());
            break;
        }
        while (got < len) {
            int n = recv(s, reply + got, (int)sizeof reply - got - 1, 0);
            if (n <= 0)
                break;
            got += n;
        }
        reply[got] = '\0';
        fputs(reply, stdout);
    }
    rc = close_gracefully(s, 3000);
    WSACleanup();
    return rc == 0 ? 0 : 1;
}
