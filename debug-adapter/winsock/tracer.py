# Winsock Lens: the gdb side of the Winsock tracer. Loaded by the adapter with `source`, then
# configured by wsl_setup(table_file). A hidden breakpoint sits on the entry of each Winsock function
# the program imports (its import address table gives the real ws2_32/mswsock address); a call made
# from the program's own module (not from inside Wine's DLLs: WSASendDisconnect calls shutdown
# internally) gets a breakpoint on its return address, for its thread (see _Exit), that reads the
# return value and the thread's last error and prints one "@@WSL {json}" console line. Nothing stops unless the "Winsock call failed" filter
# asks for it. The facts (which argument is the socket, how the function reports failure) come from
# the adapter's table, which it builds from core/model.
# A program the adapter built carries the call recorder instead (recorder.ts): its calls are
# recorded without any stop, and only the "Winsock call failed" filter needs a breakpoint here, on
# the recorder's failure hook (_FailureHook).
import gdb
import json

_table = {}
_stop_on_failure = {'enabled': False, 'errors': None}
_entries = []
_seq = [0]
# Return breakpoints whose call has returned, to delete at the next safe moment (_sweep)
_finished = []


def _emit(obj):
    gdb.write('@@WSL ' + json.dumps(obj, separators=(',', ':')) + '\n', gdb.STDOUT)


def _reg(name):
    return int(gdb.parse_and_eval('$' + name)) & 0xFFFFFFFFFFFFFFFF


def _u64(addr):
    mem = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(bytes(mem), 'little')


def _sockaddr(ptr):
    if not ptr:
        return None
    try:
        raw = bytes(gdb.selected_inferior().read_memory(ptr, 8))
    except Exception:
        return None
    family = int.from_bytes(raw[0:2], 'little')
    if family != 2:  # AF_INET only; AF_INET6 is shown by family
        return {'family': family}
    port = int.from_bytes(raw[2:4], 'big')
    ip = '.'.join(str(b) for b in raw[4:8])
    return {'family': 2, 'ip': ip, 'port': port}


def _failed(conv, ret):
    low = ret & 0xFFFFFFFF
    if conv in ('zero-or-socket-error', 'count-or-socket-error', 'count-or-socket-error-enum'):
        return low == 0xFFFFFFFF
    if conv == 'socket-or-invalid-socket':
        return ret == 0xFFFFFFFFFFFFFFFF
    if conv == 'bool':
        return low == 0
    if conv == 'error-code':
        return low != 0
    return False


def _value(conv, ret):
    if conv == 'socket-or-invalid-socket':
        return -1 if ret == 0xFFFFFFFFFFFFFFFF else ret
    low = ret & 0xFFFFFFFF
    return low - 0x100000000 if low & 0x80000000 else low


class _Exit(gdb.Breakpoint):
    # A breakpoint on the return address, for the calling thread only, that takes the return whose
    # stack pointer is the one the call will have after `ret` (a recursive call of the same function
    # returns to the same address with another one). Not gdb.FinishBreakpoint: in a program with
    # several threads, a stop in another thread makes gdb take the finish breakpoint for out of
    # scope and drop it, and the call was lost from the journal.
    def __init__(self, fn, info, args, ret_addr, addr_in, rsp_after):
        super().__init__('*' + hex(ret_addr), internal=True)
        self.silent = True
        self.thread = gdb.selected_thread().global_num
        self.fn = fn
        self.info = info
        self.args = args
        self.ret_addr = ret_addr
        self.addr_in = addr_in
        self.rsp_after = rsp_after
        self.done = False

    def stop(self):
        if self.done or _reg('rsp') != self.rsp_after:
            return False
        self.done = True
        # A breakpoint may not delete itself inside stop(), nor be deleted while gdb may be stepping
        # over it (a `next` over the call lost its stop that way): it goes at a later entry or stop.
        _finished.append(self)
        conv = self.info['conv']
        ret = _reg('rax')
        failed = _failed(conv, ret)
        if conv == 'error-code':
            err = ret & 0xFFFFFFFF
        else:
            err = int(gdb.parse_and_eval('*(unsigned*)((char*)$_tlb+0x68)')) if failed else 0
        _seq[0] += 1
        rec = {'ev': 'call', 'seq': _seq[0], 'fn': self.fn, 'args': self.args, 'ret': _value(conv, ret),
               'failed': failed, 'err': err, 'thread': gdb.selected_thread().num}
        sal = gdb.find_pc_line(self.ret_addr - 1)
        if sal.symtab is not None:
            rec['file'] = sal.symtab.fullname()
            rec['line'] = sal.line
        if self.addr_in is not None:
            rec['addrIn'] = self.addr_in
        out = self.info.get('addrOut')
        if out is not None and not failed and out < len(self.args):
            a = _sockaddr(self.args[out])
            if a is not None:
                rec['addrOut'] = a
        _emit(rec)
        if failed and _stop_on_failure['enabled']:
            errors = _stop_on_failure['errors']
            if errors is None or err in errors:
                _emit({'ev': 'failure-stop', 'seq': _seq[0]})
                return True
        return False


def _sweep(_event=None):
    # Deletes the return breakpoints of calls that have returned, away from the address of the stop.
    pc = _reg('rip')
    keep = []
    for b in _finished:
        if not b.is_valid():
            continue
        if b.ret_addr == pc:
            keep.append(b)
        else:
            b.delete()
    _finished[:] = keep


gdb.events.stop.connect(_sweep)


class _Entry(gdb.Breakpoint):
    def __init__(self, fn, info, addr):
        super().__init__('*' + hex(addr), internal=True)
        self.silent = True
        self.fn = fn
        self.info = info

    def stop(self):
        _sweep()
        rsp = _reg('rsp')
        ret_addr = _u64(rsp)
        if gdb.solib_name(ret_addr) is not None:
            return False  # called from inside a DLL (Wine's own use of Winsock), not by the program
        n = self.info['nparams']
        args = [_reg(r) for r in ('rcx', 'rdx', 'r8', 'r9')][:n]
        for i in range(4, n):
            args.append(_u64(rsp + 8 * (i + 1)))
        ai = self.info.get('addrIn')
        addr_in = _sockaddr(args[ai]) if ai is not None and ai < len(args) else None
        _Exit(self.fn, self.info, args, ret_addr, addr_in, rsp + 8)
        return False


class _FailureReturn(gdb.Breakpoint):
    # Where the failed call returns into the program, for its thread: the stop the user sees.
    def __init__(self, ret_addr, seq):
        super().__init__('*' + hex(ret_addr), internal=True, temporary=True)
        self.silent = True
        self.thread = gdb.selected_thread().global_num
        self.seq = seq

    def stop(self):
        _emit({'ev': 'failure-stop', 'seq': self.seq})
        return True


class _FailureHook(gdb.Breakpoint):
    # The recorder calls its failure hook with (seq, error, return address) after a failed call.
    def __init__(self, symbol):
        super().__init__(symbol, internal=True)
        self.silent = True
        self.enabled = _stop_on_failure['enabled']

    def stop(self):
        errors = _stop_on_failure['errors']
        err = _reg('rdx') & 0xFFFFFFFF
        if _stop_on_failure['enabled'] and (errors is None or err in errors):
            _FailureReturn(_reg('r8'), _reg('rcx'))
        return False


_hooks = []


def wsl_setup(table_file, failure_hook=None):
    with open(table_file, 'r', encoding='utf-8') as f:
        _table.update(json.load(f))
    if failure_hook is not None:
        _hooks.append(_FailureHook(failure_hook))
        _emit({'ev': 'traced', 'functions': sorted(fn for fn, info in _table.items() if info.get('exported'))})
        return
    found = []
    for fn, info in _table.items():
        try:
            addr = int(gdb.parse_and_eval('(unsigned long long)__imp_' + fn))
        except gdb.error:
            continue  # the program does not import it
        if addr == 0:
            continue
        _entries.append(_Entry(fn, info, addr))
        found.append(fn)
    _emit({'ev': 'traced', 'functions': found})


def wsl_stop_on_failure(enabled, errors=None):
    _stop_on_failure['enabled'] = bool(enabled)
    _stop_on_failure['errors'] = None if errors is None else set(errors)
    for h in _hooks:
        h.enabled = bool(enabled)

