using System.Buffers.Binary;
using System.Diagnostics;
using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>wasi_snapshot_preview1 arguments, environment, clocks, randomness, poll and exit.</summary>
internal static class WasiMiscImports
{
    private const int MaxSubscriptions = 1024;
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const int MaxRandomBytes = 16 << 20;

    public static void Define(Linker linker, string module)
    {
        linker.DefineFunction(module, "args_sizes_get", HostCallbackGuard.Guard(module + ".args_sizes_get", (Caller c, int countOut, int sizeOut) => SizesGet(c, Context(c).Arguments, countOut, sizeOut)));
        linker.DefineFunction(module, "args_get", HostCallbackGuard.Guard(module + ".args_get", (Caller c, int pointers, int buffer) => ListGet(c, Context(c).Arguments, pointers, buffer)));
        linker.DefineFunction(module, "environ_sizes_get", HostCallbackGuard.Guard(module + ".environ_sizes_get", (Caller c, int countOut, int sizeOut) => SizesGet(c, Context(c).Environment, countOut, sizeOut)));
        linker.DefineFunction(module, "environ_get", HostCallbackGuard.Guard(module + ".environ_get", (Caller c, int pointers, int buffer) => ListGet(c, Context(c).Environment, pointers, buffer)));
        linker.DefineFunction(module, "clock_res_get", HostCallbackGuard.Guard(module + ".clock_res_get", (Caller c, int id, int resolutionOut) => ClockResGet(c, id, resolutionOut)));
        linker.DefineFunction(module, "clock_time_get", HostCallbackGuard.Guard(module + ".clock_time_get", (Caller c, int id, long precision, int timeOut) => ClockTimeGet(c, id, timeOut)));
        linker.DefineFunction(module, "random_get", HostCallbackGuard.Guard(module + ".random_get", (Caller c, int buffer, int length) => RandomGet(c, buffer, length)));
        linker.DefineFunction(module, "sched_yield", HostCallbackGuard.Guard(module + ".sched_yield", (Caller _) =>
        {
            Thread.Yield();
            return 0;
        }));
        linker.DefineFunction(module, "proc_exit", HostCallbackGuard.Guard(module + ".proc_exit", (Caller _, int code) => GuestContext.Exit(code & 0xFF)));
        linker.DefineFunction(module, "poll_oneoff", HostCallbackGuard.Guard(module + ".poll_oneoff", (Caller c, int subscriptions, int events, int count, int neventsOut) => PollOneoff(c, subscriptions, events, count, neventsOut)));

        // Preview1 calls outside the agentOS inventory, for plain WASI programs: advice and rights are no-ops here
        // (the kernel checks modes, not rights); raising signals and the preview1 socket calls are not provided.
        linker.DefineFunction(module, "fd_advise", HostCallbackGuard.Guard(module + ".fd_advise", (Caller c, int fd, long offset, long length, int advice) => ValidFd(c, fd)));
        linker.DefineFunction(module, "fd_fdstat_set_rights", HostCallbackGuard.Guard(module + ".fd_fdstat_set_rights", (Caller c, int fd, long rights, long inheriting) => ValidFd(c, fd)));
        linker.DefineFunction(module, "proc_raise", (Caller _, int signal) => NoSys);
        linker.DefineFunction(module, "sock_accept", (Caller _, int fd, int flags, int fdOut) => NoSys);
        linker.DefineFunction(module, "sock_recv", (Caller _, int fd, int iovs, int count, int flags, int nreadOut, int flagsOut) => NoSys);
        linker.DefineFunction(module, "sock_send", (Caller _, int fd, int iovs, int count, int flags, int nwrittenOut) => NoSys);
    }

    /// <summary>The preview1 functions <see cref="Define"/> adds beyond the agentOS inventory (spec §2.9).</summary>
    public static IReadOnlyList<string> Preview1Extras { get; } = ["fd_advise", "fd_fdstat_set_rights", "proc_raise", "sock_accept", "sock_recv", "sock_send"];

    private static int NoSys => E(Errno.ENOSYS);

    private static int ValidFd(Caller caller, int fd)
    {
        var ctx = Context(caller);
        return E(ctx.Kernel.GetFile(ctx.Process, fd, out _));
    }

    private static int SizesGet(Caller caller, byte[][] values, int countOut, int sizeOut)
    {
        var memory = Context(caller).GetMemory();
        if (!memory.IsValid(countOut, 4) || !memory.IsValid(sizeOut, 4))
        {
            return Fault;
        }

        long size = 0;
        foreach (var value in values)
        {
            size += value.Length + 1;
        }

        memory.TryWriteU32(countOut, (uint)values.Length);
        memory.TryWriteU32(sizeOut, (uint)size);
        return 0;
    }

    private static int ListGet(Caller caller, byte[][] values, int pointers, int buffer)
    {
        var memory = Context(caller).GetMemory();
        long size = 0;
        foreach (var value in values)
        {
            size += value.Length + 1;
        }

        if (!memory.IsValid(pointers, values.Length * 4L) || !memory.IsValid(buffer, size))
        {
            return Fault;
        }

        var offset = buffer;
        for (var i = 0; i < values.Length; i++)
        {
            memory.TryWriteU32(pointers + (i * 4), (uint)offset);
            memory.TryWrite(offset, values[i]);
            memory.TryWriteU8(offset + values[i].Length, 0);
            offset += values[i].Length + 1;
        }

        return 0;
    }

    private static int ClockResGet(Caller caller, int id, int resolutionOut)
    {
        if (id is < 0 or > 3)
        {
            return Inval;
        }

        // The realtime clock is frozen per execution, so its useful resolution is a millisecond.
        var resolution = id == 0 ? 1_000_000UL : 1UL;
        return Context(caller).GetMemory().TryWriteU64(resolutionOut, resolution) ? 0 : Fault;
    }

    private static int ClockTimeGet(Caller caller, int id, int timeOut)
    {
        var ctx = Context(caller);
        long value;
        switch (id)
        {
            case 0:
                value = ctx.FrozenRealtimeNs;
                break;
            case 1:
            case 2:
            case 3:
                value = (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
                break;
            default:
                return Inval;
        }

        return ctx.GetMemory().TryWriteU64(timeOut, (ulong)value) ? 0 : Fault;
    }

    private static int RandomGet(Caller caller, int buffer, int length)
    {
        if (length < 0 || length > MaxRandomBytes)
        {
            return Inval;
        }

        if (!Context(caller).GetMemory().TrySlice(buffer, length, out var target))
        {
            return Fault;
        }

        EntropySource.Fill(target);
        return 0;
    }

    private static int PollOneoff(Caller caller, int subscriptions, int events, int count, int neventsOut)
    {
        var ctx = Context(caller);
        if (count <= 0 || count > MaxSubscriptions)
        {
            return Inval;
        }

        var memory = ctx.GetMemory();
        if (!memory.TrySlice(subscriptions, count * SubscriptionSize, out var subs) ||
            !memory.IsValid(events, (long)count * EventSize) || !memory.IsValid(neventsOut, 4))
        {
            return Fault;
        }

        // Copy the subscriptions: the kernel wait below must not hold spans into guest memory across blocking.
        var requests = new PollRequest[count];
        var timeoutNs = long.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var s = subs.Slice(i * SubscriptionSize, SubscriptionSize);
            var userdata = BinaryPrimitives.ReadUInt64LittleEndian(s);
            var tag = s[8];
            switch (tag)
            {
                case 0:
                    var clockId = BinaryPrimitives.ReadUInt32LittleEndian(s[16..]);
                    var timeout = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(s[24..]), long.MaxValue);
                    var absolute = (BinaryPrimitives.ReadUInt16LittleEndian(s[40..]) & 1) != 0;
                    if (absolute)
                    {
                        var now = clockId == 0 ? ctx.FrozenRealtimeNs : (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
                        timeout = Math.Max(0, timeout - now);
                    }

                    timeoutNs = Math.Min(timeoutNs, timeout);
                    requests[i] = new PollRequest(userdata, tag, -1, PollEvents.None);
                    break;
                case 1:
                case 2:
                    var fd = (int)BinaryPrimitives.ReadUInt32LittleEndian(s[16..]);
                    requests[i] = new PollRequest(userdata, tag, fd, tag == 1 ? PollEvents.In : PollEvents.Out);
                    break;
                default:
                    return Inval;
            }
        }

        var fds = requests.Where(r => r.Tag != 0).Select(r => new PollFd(r.Fd, r.Events)).ToArray();
        var timeoutMs = timeoutNs == long.MaxValue ? Timeout.Infinite : (int)Math.Min((timeoutNs + 999_999) / 1_000_000, int.MaxValue);
        var errno = ctx.Kernel.Poll(ctx.Process, fds, timeoutMs, out var ready);
        ctx.ThrowIfTerminated();
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory = ctx.GetMemory();
        var written = 0;
        var fdIndex = 0;
        var clockFired = ready == 0;
        foreach (var request in requests)
        {
            ushort error = 0;
            ulong nbytes = 0;
            ushort flags = 0;
            if (request.Tag == 0)
            {
                if (!clockFired)
                {
                    continue;
                }
            }
            else
            {
                var result = fds[fdIndex++].Returned;
                if (result == PollEvents.None)
                {
                    continue;
                }

                if ((result & PollEvents.Nval) != 0)
                {
                    error = (ushort)BadF;
                }

                nbytes = request.Tag == 1 ? 1UL : 65536UL;
                if ((result & PollEvents.Hup) != 0)
                {
                    flags = 1;
                }
            }

            var e = events + (written * EventSize);
            memory.TrySlice(e, EventSize, out var target);
            target.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(target, request.Userdata);
            BinaryPrimitives.WriteUInt16LittleEndian(target[8..], error);
            target[10] = request.Tag;
            BinaryPrimitives.WriteUInt64LittleEndian(target[16..], nbytes);
            BinaryPrimitives.WriteUInt16LittleEndian(target[24..], flags);
            written++;
        }

        memory.TryWriteU32(neventsOut, (uint)written);
        return 0;
    }

    private readonly record struct PollRequest(ulong Userdata, byte Tag, int Fd, PollEvents Events);
}
