// Is this file Windows code at all? A file that names nothing of Winsock or Windows (no WSA…
// call, no closesocket, no SOCKET type, no _WIN32 test, no Windows header) and uses calls or
// headers only POSIX systems have (fork, sigaction, close() on its sockets, <sys/socket.h>, …) is
// never built for Windows: a z/OS back end, a Unix test server. The lint reports nothing there.

const WINDOWS_NAME =
  /\b(?:WSA[A-Z]\w*|closesocket|ioctlsocket|SOCKET|INVALID_SOCKET|SOCKET_ERROR|SD_SEND|SD_RECEIVE|SD_BOTH|_WIN32|_WIN64|WIN32|_WINDOWS|_MSC_VER|__MINGW32__|__CYGWIN__|DisconnectEx|AcceptEx|ConnectEx|TransmitFile)\b|\b(?:[Ww]insock2?|[Ww][Ss]2tcpip|[Ww]indows|[Mm][Ss][Ww]sock|[Ww][Ss]2def)\.h\b/;

const POSIX_ONLY =
  /\b(?:fork|vfork|sigaction|sigprocmask|waitpid|setsid|epoll_\w+|kqueue|kevent|socketpair|fcntl|pipe2?)\s*\(|\bstruct\s+sigaction\b|#\s*include\s*<(?:sys\/socket|sys\/un|sys\/wait|unistd|netinet\/in|arpa\/inet|poll|sys\/epoll|sys\/event|sys\/ioctl)\.h>/;

/** Whether `text` (the file as written, before #if blanking) is code no Windows build compiles. */
export function isNonWindowsSource(text: string): boolean {
  if (!POSIX_ONLY.test(text)) return false;
  // Names in comments do not count (a remark about closesocket is no Windows build).
  const code = text.replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, ' ');
  return !WINDOWS_NAME.test(code) && POSIX_ONLY.test(code);
}
