/*
 * tcp_reconnect.c - a telemetry uploader that keeps one TCP connection to a collector and
 * reconnects when the collector asks it to (it answers "RECONNECT").
 *
 * Build: x86_64-w64-mingw32-gcc tcp_reconnect.c -o tcp_reconnect.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static struct sockaddr_in collector;

static int upload(SOCKET s, const char *record)
{
    int len = (int)strlen(record);
    return send(s, record, len, 0) == len ? 0 : -1;
}

static int run_session(void)
{
    char reply[64];
    SOCKET s;
    int n;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return -1;
    if (connect(s, (struct sockaddr *)&collector, sizeof collector) == SOCKET_ERROR) {
        closesocket(s);
        return -1;
    }
    if (upload(s, "cpu=12 mem=40\n") != 0) {
        fprintf(stderr, "upload failed: %d\n", WSAGetLastError());
        closesocket(s);
        return -1;
    }
    /* end of this batch: the collector answers once it has seen our FIN */
    if (shutdown(s, SD_SEND) == SOCKET_ERROR) {
        fprintf(stderr, "shutdown: %d\n", WSAGetLastError());
        closesocket(s);
        return -1;
    }
    n = recv(s, reply, sizeof reply - 1, 0);
    if (n > 0) {
        reply[n] = '\0';
        if (strncmp(reply, "RECONNECT", 9) == 0) {
            /* the collector wants a fresh connection: dial again on the same socket */
            if (connect(s, (struct sockaddr *)&collector, sizeof collector) == SOCKET_ERROR)
                fprintf(stderr, "reconnect: %d\n", WSAGetLastError());
            else if (upload(s, "cpu=12 mem=40\n") != 0)
                fprintf(stderr, "upload after reconnect: %d\n", WSAGetLastError());
        }
    }
    closesocket(s);
    return 0;
}

/* Tells the collector that this uploader is going away for good, and why. */
static void announce_exit(const char *why)
{
    char text[128];
    WSABUF reason;
    SOCKET s;

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return;
    if (connect(s, (struct sockaddr *)&collector, sizeof collector) == SOCKET_ERROR) {
        closesocket(s);
        return;
    }
    snprintf(text, sizeof text, "uploader leaving: %s", why);
    reason.len = (ULONG)strlen(text);
    reason.buf = text;
    if (WSASendDisconnect(s, &reason) == SOCKET_ERROR)
        fprintf(stderr, "WSASendDisconnect: %d\n", WSAGetLastError());
    /* make sure the FIN really went out */
    if (shutdown(s, SD_SEND) == SOCKET_ERROR)
        fprintf(stderr, "shutdown: %d\n", WSAGetLastError());
    closesocket(s);
}

int main(void)
{
    WSADATA wsa;
    int rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        fprintf(stderr, "WSAStartup: %d\n", rc);
        return 1;
    }
    memset(&collector, 0, sizeof collector);
    collector.sin_family = AF_INET;
    collector.sin_port = htons(7010);
    collector.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    rc = run_session();
    announce_exit(rc == 0 ? "done" : "collector unreachable");
    WSACleanup();
    return rc == 0 ? 0 : 1;
}
