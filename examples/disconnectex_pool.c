/*
 * disconnectex_pool.c - an I/O completion port echo server that recycles its client sockets:
 * when a client goes away the socket is disconnected with DisconnectEx(TF_REUSE_SOCKET) and
 * handed straight back to AcceptEx, so the pool never creates or closes sockets while running.
 *
 * Build: x86_64-w64-mingw32-gcc disconnectex_pool.c -o disconnectex_pool.exe -lws2_32 -lmswsock
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define POOL_SIZE 8
#define ADDR_SPACE (sizeof(struct sockaddr_in6) + 16)

enum phase { PHASE_ACCEPT, PHASE_RECV, PHASE_SEND, PHASE_DISCONNECT };

typedef struct {
    OVERLAPPED ov;          /* first member: the completion hands us back this address */
    SOCKET s;
    enum phase phase;
    WSABUF wsabuf;
    char data[4096];
    char addrs[2 * ADDR_SPACE];
} client_ctx;

static LPFN_ACCEPTEX pAcceptEx;
static LPFN_DISCONNECTEX pDisconnectEx;
static SOCKET listener = INVALID_SOCKET;

static int load_extension(SOCKET s, GUID id, void *fn, DWORD fnSize)
{
    DWORD bytes = 0;
    return WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, fn, fnSize, &bytes, NULL, NULL);
}

static BOOL post_accept(client_ctx *c)
{
    DWORD bytes = 0;
    memset(&c->ov, 0, sizeof c->ov);
    c->phase = PHASE_ACCEPT;
    if (pAcceptEx(listener, c->s, c->addrs, 0, ADDR_SPACE, ADDR_SPACE, &bytes, &c->ov))
        return TRUE;
    return WSAGetLastError() == ERROR_IO_PENDING;
}

static BOOL post_recv(client_ctx *c)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof c->ov);
    c->phase = PHASE_RECV;
    c->wsabuf.buf = c->data;
    c->wsabuf.len = sizeof c->data;
    if (WSARecv(c->s, &c->wsabuf, 1, NULL, &flags, &c->ov, NULL) == 0)
        return TRUE;
    return WSAGetLastError() == WSA_IO_PENDING;
}

static BOOL post_send(client_ctx *c, DWORD len)
{
    memset(&c->ov, 0, sizeof c->ov);
    c->phase = PHASE_SEND;
    c->wsabuf.buf = c->data;
    c->wsabuf.len = len;
    if (WSASend(c->s, &c->wsabuf, 1, NULL, 0, &c->ov, NULL) == 0)
        return TRUE;
    return WSAGetLastError() == WSA_IO_PENDING;
}

/* The client is gone: keep the socket, but make it ready for the next AcceptEx. */
static BOOL post_recycle(client_ctx *c)
{
    memset(&c->ov, 0, sizeof c->ov);
    c->phase = PHASE_DISCONNECT;
    if (pDisconnectEx(c->s, &c->ov, TF_REUSE_SOCKET, 0))
        return TRUE;
    return WSAGetLastError() == WSA_IO_PENDING;
}

/*
 * Admin request: take one idle pooled socket and use it for an outgoing connection to an
 * upstream server instead of creating a new one.
 */
SOCKET borrow_for_upstream(client_ctx *c, const struct sockaddr_in *upstream)
{
    OVERLAPPED ov;
    DWORD bytes = 0, flags = 0;
    SOCKET s = c->s;

    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    if (ov.hEvent == WSA_INVALID_EVENT)
        return INVALID_SOCKET;
    if (!pDisconnectEx(s, &ov, TF_REUSE_SOCKET, 0) && WSAGetLastError() != WSA_IO_PENDING) {
        WSACloseEvent(ov.hEvent);
        return INVALID_SOCKET;
    }
    if (!WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &flags)) {
        WSACloseEvent(ov.hEvent);
        return INVALID_SOCKET;
    }
    WSACloseEvent(ov.hEvent);
    if (connect(s, (const struct sockaddr *)upstream, sizeof *upstream) == SOCKET_ERROR) {
        fprintf(stderr, "upstream connect: %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    c->s = INVALID_SOCKET;
    return s;
}

static void run(HANDLE port)
{
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED *ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        client_ctx *c = (client_ctx *)ov;
        BOOL posted;

        if (ov == NULL) {
            fprintf(stderr, "completion port failed: %lu\n", GetLastError());
            return;
        }
        switch (c->phase) {
        case PHASE_ACCEPT:
            if (!ok) {
                posted = post_accept(c);
                break;
            }
            setsockopt(c->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof listener);
            posted = post_recv(c);
            break;
        case PHASE_RECV:
            posted = (ok && bytes > 0) ? post_send(c, bytes) : post_recycle(c);
            break;
        case PHASE_SEND:
            posted = ok ? post_recv(c) : post_recycle(c);
            break;
        case PHASE_DISCONNECT:
        default:
            posted = post_accept(c);
            break;
        }
        if (!posted)
            fprintf(stderr, "socket %llu dropped from the pool: %d\n", (unsigned long long)c->s, WSAGetLastError());
    }
}

int main(void)
{
    static client_ctx pool[POOL_SIZE];
    GUID acceptId = WSAID_ACCEPTEX, disconnectId = WSAID_DISCONNECTEX;
    struct sockaddr_in addr;
    WSADATA wsa;
    HANDLE port;
    int i, rc;

    rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0)
        return 1;
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (port == NULL || listener == INVALID_SOCKET)
        goto fail;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(7008);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR ||
        listen(listener, SOMAXCONN) == SOCKET_ERROR ||
        CreateIoCompletionPort((HANDLE)listener, port, 0, 0) == NULL ||
        load_extension(listener, acceptId, &pAcceptEx, sizeof pAcceptEx) == SOCKET_ERROR ||
        load_extension(listener, disconnectId, &pDisconnectEx, sizeof pDisconnectEx) == SOCKET_ERROR)
        goto fail;

    for (i = 0; i < POOL_SIZE; i++) {
        pool[i].s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        if (pool[i].s == INVALID_SOCKET ||
            CreateIoCompletionPort((HANDLE)pool[i].s, port, 0, 0) == NULL ||
            !post_accept(&pool[i]))
            goto fail;
    }
    printf("pool of %d sockets listening on 127.0.0.1:7008\n", POOL_SIZE);
    run(port);

fail:
    fprintf(stderr, "set-up failed: %d\n", WSAGetLastError());
    for (i = 0; i < POOL_SIZE; i++)
        if (pool[i].s != 0 && pool[i].s != INVALID_SOCKET)
            closesocket(pool[i].s);
    if (listener != INVALID_SOCKET)
        closesocket(listener);
    if (port != NULL)
        CloseHandle(port);
    WSACleanup();
    return 1;
}
