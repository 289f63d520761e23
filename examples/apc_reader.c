/*
 * apc_reader.c - reads from a server with WSARecv and a completion routine, sleeping alertably
 * in between. Ctrl+C queues an APC to the reader thread that says goodbye to the server.
 *
 * Build: x86_64-w64-mingw32-gcc apc_reader.c -o apc_reader.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    WSAOVERLAPPED ov;
    SOCKET s;
    WSABUF wsabuf;
    char buf[2048];
    volatile LONG done;
} reader;

static HANDLE readerThread;
static reader g_reader;

static void CALLBACK on_received(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags);

static int post_read(reader *r)
{
    DWORD flags = 0;
    memset(&r->ov, 0, sizeof r->ov);
    r->wsabuf.buf = r->buf;
    r->wsabuf.len = sizeof r->buf;
    if (WSARecv(r->s, &r->wsabuf, 1, NULL, &flags, &r->ov, on_received) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return -1;
    return 0;
}

/* Runs on the reader thread while it sleeps alertably. */
static void CALLBACK on_received(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    reader *r = (reader *)ov;
    (void)flags;
    if (error != 0 || bytes == 0) {
        InterlockedExchange(&r->done, 1);
        return;
    }
    fwrite(r->buf, 1, bytes, stdout);
    if (post_read(r) != 0)
        InterlockedExchange(&r->done, 1);
}

/* Queued by the Ctrl+C handler; also runs on the reader thread. */
static void CALLBACK stop_reading(ULONG_PTR param)
{
    reader *r = (reader *)param;
    char rest[256];

    if (WSASendDisconnect(r->s, NULL) == SOCKET_ERROR)
        fprintf(stderr, "WSASendDisconnect: %d\n", WSAGetLastError());
    while (recv(r->s, rest, sizeof rest, 0) > 0) {
    }
    InterlockedExchange(&r->done, 1);
}

static BOOL WINAPI on_console_event(DWORD type)
{
    if (type != CTRL_C_EVENT)
        return FALSE;
    QueueUserAPC(stop_reading, readerThread, (ULONG_PTR)&g_reader);
    return TRUE;
}

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in addr;
    int rc;

    rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0)
        return 1;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &readerThread,
                         0, FALSE, DUPLICATE_SAME_ACCESS)) {
        WSACleanup();
        return 1;
    }
    g_reader.s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (g_reader.s == INVALID_SOCKET)
        goto out;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(7007);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(g_reader.s, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR) {
        fprintf(stderr, "connect: %d\n", WSAGetLastError());
        goto out;
    }
    SetConsoleCtrlHandler(on_console_event, TRUE);
    if (post_read(&g_reader) != 0)
        goto out;
    while (!g_reader.done)
        SleepEx(INFINITE, TRUE); /* completion routines and APCs run here */

out:
    if (g_reader.s != INVALID_SOCKET)
        closesocket(g_reader.s);
    CloseHandle(readerThread);
    WSACleanup();
    return 0;
}
