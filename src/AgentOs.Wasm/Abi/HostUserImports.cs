using System.Text;
using AgentOs.Kernel;
using AgentOs.Wasm.Runtime;
using Wasmtime;
using static AgentOs.Wasm.Abi.WasiFdImports;
using static AgentOs.Wasm.Abi.WasiTypes;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// The <c>host_user</c> module: the process's identity and the VM's account database (/etc/passwd, /etc/group
/// read through the kernel, so an operator or guest edit of those files is what getpwnam sees).
/// </summary>
internal static class HostUserImports
{
    private const string Module = "host_user";
    private const int MaxGroups = 64;
    private const int MaxNameBytes = 4096;

    public static void Define(Linker linker)
    {
        linker.DefineFunction(Module, "getuid", HostCallbackGuard.Guard(Module + ".getuid", (Caller c, int o) => WriteId(c, o, Context(c).Process.Credentials.Uid)));
        linker.DefineFunction(Module, "geteuid", HostCallbackGuard.Guard(Module + ".geteuid", (Caller c, int o) => WriteId(c, o, Context(c).Process.Credentials.EffectiveUid)));
        linker.DefineFunction(Module, "getgid", HostCallbackGuard.Guard(Module + ".getgid", (Caller c, int o) => WriteId(c, o, Context(c).Process.Credentials.Gid)));
        linker.DefineFunction(Module, "getegid", HostCallbackGuard.Guard(Module + ".getegid", (Caller c, int o) => WriteId(c, o, Context(c).Process.Credentials.EffectiveGid)));
        linker.DefineFunction(Module, "getresuid", HostCallbackGuard.Guard(Module + ".getresuid", (Caller c, int r, int e, int s) => WriteIds(c, r, e, s, Context(c).Process.Credentials.Uid, Context(c).Process.Credentials.EffectiveUid)));
        linker.DefineFunction(Module, "getresgid", HostCallbackGuard.Guard(Module + ".getresgid", (Caller c, int r, int e, int s) => WriteIds(c, r, e, s, Context(c).Process.Credentials.Gid, Context(c).Process.Credentials.EffectiveGid)));
        linker.DefineFunction(Module, "getgroups", HostCallbackGuard.Guard(Module + ".getgroups", (Caller c, int capacity, int buffer, int countOut) => GetGroups(c, capacity, buffer, countOut)));
        linker.DefineFunction(Module, "setuid", HostCallbackGuard.Guard(Module + ".setuid", (Caller c, int id) => E(Context(c).Kernel.SetUid(Context(c).Process, (uint)id))));
        linker.DefineFunction(Module, "setgid", HostCallbackGuard.Guard(Module + ".setgid", (Caller c, int id) => E(Context(c).Kernel.SetGid(Context(c).Process, (uint)id))));
        linker.DefineFunction(Module, "seteuid", HostCallbackGuard.Guard(Module + ".seteuid", (Caller c, int id) => E(Context(c).Kernel.SetUid(Context(c).Process, (uint)id))));
        linker.DefineFunction(Module, "setegid", HostCallbackGuard.Guard(Module + ".setegid", (Caller c, int id) => E(Context(c).Kernel.SetGid(Context(c).Process, (uint)id))));
        linker.DefineFunction(Module, "setgroups", HostCallbackGuard.Guard(Module + ".setgroups", (Caller c, int count, int buffer) => SetGroups(c, count, buffer)));
        linker.DefineFunction(Module, "isatty", HostCallbackGuard.Guard(Module + ".isatty", (Caller c, int fd, int resultOut) => IsATty(c, fd, resultOut)));
        linker.DefineFunction(Module, "getpwuid", HostCallbackGuard.Guard(Module + ".getpwuid", (Caller c, int id, int buf, int cap, int lenOut) => Lookup(c, "/etc/passwd", 2, ((uint)id).ToString(System.Globalization.CultureInfo.InvariantCulture), buf, cap, lenOut)));
        linker.DefineFunction(Module, "getgrgid", HostCallbackGuard.Guard(Module + ".getgrgid", (Caller c, int id, int buf, int cap, int lenOut) => Lookup(c, "/etc/group", 2, ((uint)id).ToString(System.Globalization.CultureInfo.InvariantCulture), buf, cap, lenOut)));
        linker.DefineFunction(Module, "getpwnam", HostCallbackGuard.Guard(Module + ".getpwnam", (Caller c, int name, int nameLen, int buf, int cap, int lenOut) => LookupByName(c, "/etc/passwd", name, nameLen, buf, cap, lenOut)));
        linker.DefineFunction(Module, "getgrnam", HostCallbackGuard.Guard(Module + ".getgrnam", (Caller c, int name, int nameLen, int buf, int cap, int lenOut) => LookupByName(c, "/etc/group", name, nameLen, buf, cap, lenOut)));
        linker.DefineFunction(Module, "getpwent", HostCallbackGuard.Guard(Module + ".getpwent", (Caller c, int index, int buf, int cap, int lenOut) => Enumerate(c, "/etc/passwd", index, buf, cap, lenOut)));
        linker.DefineFunction(Module, "getgrent", HostCallbackGuard.Guard(Module + ".getgrent", (Caller c, int index, int buf, int cap, int lenOut) => Enumerate(c, "/etc/group", index, buf, cap, lenOut)));
    }

    private static int WriteId(Caller caller, int output, uint id) => Context(caller).GetMemory().TryWriteU32(output, id) ? 0 : Fault;

    private static int WriteIds(Caller caller, int real, int effective, int saved, uint realId, uint effectiveId)
    {
        var memory = Context(caller).GetMemory();
        if (!memory.IsValid(real, 4) || !memory.IsValid(effective, 4) || !memory.IsValid(saved, 4))
        {
            return Fault;
        }

        memory.TryWriteU32(real, realId);
        memory.TryWriteU32(effective, effectiveId);
        memory.TryWriteU32(saved, effectiveId);
        return 0;
    }

    private static int GetGroups(Caller caller, int capacity, int buffer, int countOut)
    {
        var groups = Context(caller).Process.Credentials.Groups;
        var memory = Context(caller).GetMemory();
        if (!memory.IsValid(countOut, 4))
        {
            return Fault;
        }

        if (capacity == 0)
        {
            memory.TryWriteU32(countOut, (uint)groups.Count);
            return 0;
        }

        if (capacity > MaxGroups)
        {
            return E(Errno.E2BIG);
        }

        if (capacity < groups.Count)
        {
            return Inval;
        }

        if (!memory.IsValid(buffer, groups.Count * 4L))
        {
            return Fault;
        }

        for (var i = 0; i < groups.Count; i++)
        {
            memory.TryWriteU32(buffer + (i * 4), groups[i]);
        }

        memory.TryWriteU32(countOut, (uint)groups.Count);
        return 0;
    }

    private static int SetGroups(Caller caller, int count, int buffer)
    {
        if (count < 0 || count > MaxGroups)
        {
            return Inval;
        }

        var memory = Context(caller).GetMemory();
        var groups = new uint[count];
        for (var i = 0; i < count; i++)
        {
            if (!memory.TryReadU32(buffer + (i * 4), out groups[i]))
            {
                return Fault;
            }
        }

        return E(Context(caller).Kernel.SetGroups(Context(caller).Process, groups));
    }

    private static int IsATty(Caller caller, int fd, int resultOut)
    {
        var ctx = Context(caller);
        var memory = ctx.GetMemory();
        if (!memory.IsValid(resultOut, 4))
        {
            return Fault;
        }

        var errno = ctx.Kernel.IsATty(ctx.Process, fd, out var isTty);
        if (errno != Errno.Success)
        {
            return E(errno);
        }

        memory.TryWriteU32(resultOut, isTty ? 1u : 0u);
        return 0;
    }

    private static int LookupByName(Caller caller, string file, int name, int nameLen, int buf, int cap, int lenOut)
    {
        if (nameLen > MaxNameBytes)
        {
            return E(Errno.ENAMETOOLONG);
        }

        return Context(caller).GetMemory().TryReadString(name, nameLen, out var text) ? Lookup(caller, file, 0, text, buf, cap, lenOut) : Fault;
    }

    private static int Lookup(Caller caller, string file, int field, string key, int buf, int cap, int lenOut)
    {
        foreach (var line in Records(Context(caller), file))
        {
            var fields = line.Split(':');
            if (fields.Length > field && fields[field] == key)
            {
                return WriteRecord(caller, line, buf, cap, lenOut);
            }
        }

        return E(Errno.ENOENT);
    }

    private static int Enumerate(Caller caller, string file, int index, int buf, int cap, int lenOut)
    {
        var records = Records(Context(caller), file);
        return index >= 0 && index < records.Count ? WriteRecord(caller, records[index], buf, cap, lenOut) : E(Errno.ENOENT);
    }

    private static int WriteRecord(Caller caller, string record, int buf, int cap, int lenOut)
    {
        var bytes = Encoding.UTF8.GetBytes(record);
        var memory = Context(caller).GetMemory();
        if (!memory.IsValid(lenOut, 4))
        {
            return Fault;
        }

        memory.TryWriteU32(lenOut, (uint)bytes.Length);
        if (cap < bytes.Length)
        {
            return E(Errno.ERANGE);
        }

        return memory.TryWrite(buf, bytes) ? 0 : Fault;
    }

    private static List<string> Records(GuestContext ctx, string path)
    {
        var records = new List<string>();
        if (ctx.Kernel.ReadSmallFile(path, 1 << 20, out var content) != Errno.Success)
        {
            return records;
        }

        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                records.Add(trimmed);
            }
        }

        return records;
    }
}
