/*
 * linger_reset.c - a gatekeeper in front of a service: clients from addresses outside the allow
 * list are thrown out at once, allowed clients get a banner and a normal close.
 *
 * Build: x86_64-w64-mingw32-gcc linger_reset.c -o linger_reset.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static int allowed(const struct sockaddr_in *peer)
{
    /* only the local machine is welcome */
    return peer->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
}

/* Drop the connection hard: no FIN handshake, no TIME_WAIT, the client sees a reset. */
static void reject(SOCKET client)
{
    BOOL dontLinger = TRUE;
    struct sockaddr_in peer;
    int peerLen = sizeof peer;

    setsockopt(client, SOL_SOCKET, SO_DONTLINGER, (const char *)&dontLinger, sizeof dontLinger);
    closesocket(client);
    if (getpeername(client, (struct sockaddr *)&peer, &peerLen) == 0)
        printf("rejected %s\n", inet_ntoa(peer.sin_addr));
}

/* The abortive close done right, for comparison: linger on, timeout zero. */
static void reset_now(SOCKET client)
{
    struct linger lg;
    lg.l_onoff = 1;
    lg.l_linger = 0;
    if (setsockopt(client, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg) == SOCKET_ERROR)
        fprintf(stderr, "SO_LINGER: %d\n", WSAGetLastError());
    closesocket(client);
}

static void welcome(SOCKET client)
{
    static const char banner[] = "welcome\r\n";
    if (send(client, banner, sizeof banner - 1, 0) == SOCKET_ERROR ||
        shutdown(client, SD_SEND) == SOCKET_ERROR) {
        reset_now(client);
        return;
    }
    /* give the client a moment to read the banner, then finish our side for good */
    Sleep(50);
    if (shutdown(client, SD_SEND) == SOCKET_ERROR)
        fprintf(stderr, "shutdown: %d\n", WSAGetLastError());
    closesocket(client);
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener;
    struct sockaddr_in addr;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (listener == INVALID_SOCKET) {
        WSACleanup();
        return 1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(7009);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR ||
        listen(listener, 16) == SOCKET_ERROR) {
        closesocket(listener);
        WSACleanup();
        return 1;
    }
    for (;;) {
        struct sockaddr_in peer;
        int peerLen = sizeof peer;
        SOCKET client = accept(listener, (struct sockaddr *)&peer, &peerLen);
        if (client == INVALID_SOCKET)
            break;
        if (allowed(&peer))
            welcome(client);
        else
            reject(client);
    }
    closesocket(listener);
    WSACleanup();
    return 0;
}
