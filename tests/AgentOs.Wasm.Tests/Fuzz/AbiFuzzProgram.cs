using System.Text;
using AgentOs.Wasm.Abi;

namespace AgentOs.Wasm.Tests.Fuzz;

/// <summary>
/// Generates ABI fuzzing guests: a WAT module importing every host function of the agentOS ABI inventory
/// (<see cref="AbiInventory"/>) whose <c>_start</c> calls them in a seeded random order with hostile arguments —
/// pointers at, across and past the end of memory, absurd lengths and counts, closed, huge and tagged fds, every flag
/// bit, extreme 64-bit values — mixed with plausible ones (real paths, a valid iovec array) so calls also reach the
/// code behind the argument checks. The same seed gives the same module, so a failure reproduces from its seed.
/// </summary>
internal static class AbiFuzzProgram
{
    /// <summary>Linear memory of the guest: two pages.</summary>
    public const int MemoryBytes = 2 * 65536;

    private const int IovecsAt = 0x80;
    private const int StringsAt = 0x100;
    private const int GarbageAt = 0x2000;
    private const int GarbageBytes = 4096;
    private const int BufferAt = 0x4000;

    // Names a hostile guest would try; NUL-terminated in memory, passed with or without their length.
    private static readonly string[] Strings =
    [
        "/", "/tmp", "/tmp/fuzz", "fuzz", ".", "..", "../../../..", "/dev/null", "/dev/stdin", "/dev/tty", "/etc/passwd",
        "/bin/fuzz", "/proc/self/fd/0", "a/b/../../c", "", "//", "/tmp/fuzz/", "localhost", "127.0.0.1", "::1", "80",
        "user.fuzz", "root", "agentos", "/tmp/\u00e9\u00e9\u00e9", new string('a', 300), "/tmp/" + new string('x', 5000),
    ];

    private static readonly long[] Fds = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 63, 64, 255, 1023, 1024, 65535, 0x40000003, 0x40000000, 0x40000004, int.MaxValue, int.MinValue];
    private static readonly long[] Lengths = [0, 1, 2, 3, 4, 7, 8, 16, 24, 64, 255, 256, 1024, 4096, 65535, 65536, 65537, MemoryBytes, MemoryBytes + 1, int.MaxValue, -1, -2, uint.MaxValue / 2, 0x10000000];
    private static readonly long[] Wide = [0, 1, -1, 2, 1000, 1_000_000_000, 1L << 31, 1L << 32, (1L << 32) - 1, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 62];

    private static readonly HashSet<string> Waits = ["sleep_ms", "poll_oneoff", "net_poll", "proc_ppoll_v1"];

    /// <summary>The functions a program calls: the whole inventory but <c>proc_exit</c>, which would end it.</summary>
    public static IReadOnlyList<AbiFunction> Targets { get; } = [.. AbiInventory.Functions.Where(f => f.Name != "proc_exit")];

    /// <summary>The WAT text of program <paramref name="seed"/>, making <paramref name="calls"/> host calls (all to
    /// target <paramref name="only"/> when given).</summary>
    public static string Generate(int seed, int calls, int? only = null)
    {
        var random = new Random(seed);
        var (strings, stringData) = LayOutStrings();
        var text = new StringBuilder(calls * 64 + 32_768);
        text.Append("(module\n");
        for (var i = 0; i < Targets.Count; i++)
        {
            var f = Targets[i];
            text.Append($"  (import \"{f.Module}\" \"{f.Name}\" (func $f{i}");
            AppendTypes(text, "param", f.Parameters);
            AppendTypes(text, "result", f.Results);
            text.Append("))\n");
        }

        text.Append("  (memory (export \"memory\") ").Append(MemoryBytes / 65536).Append(")\n");
        // Two valid iovecs into the scratch buffer, the strings, and random bytes for garbage structures.
        AppendData(text, IovecsAt, [.. Le32(BufferAt), .. Le32(64), .. Le32(BufferAt + 256), .. Le32(128)]);
        AppendData(text, StringsAt, stringData);
        var garbage = new byte[GarbageBytes];
        random.NextBytes(garbage);
        AppendData(text, GarbageAt, garbage);

        text.Append("  (func (export \"_start\")\n");
        for (var call = 0; call < calls; call++)
        {
            var index = only ?? random.Next(Targets.Count);
            while (only is null && Waits.Contains(Targets[index].Name) && random.Next(20) > 0)
            {
                // Calls that may wait as long as their hostile timeout says are rare, or most programs would end
                // in their first long sleep; when they come, the kill at the deadline is what they exercise.
                index = random.Next(Targets.Count);
            }

            var f = Targets[index];
            text.Append("    (");
            if (f.Results.Length > 0)
            {
                text.Append("drop (");
            }

            text.Append("call $f").Append(index);
            (int Offset, int Length)? lastString = null;
            foreach (var kind in f.Parameters)
            {
                long value;
                if (lastString is { } s && random.Next(3) > 0)
                {
                    // A string's length right after its pointer, as most path and name calls take them.
                    value = s.Length;
                    lastString = null;
                }
                else
                {
                    value = kind == 'I' ? Wide64(random) : Argument32(random, strings, out lastString);
                }

                text.Append(kind == 'I' ? " (i64.const " : " (i32.const ").Append(kind == 'I' ? value : unchecked((int)value)).Append(')');
            }

            text.Append(f.Results.Length > 0 ? "))\n" : ")\n");
        }

        text.Append("  ))\n");
        return text.ToString();
    }

    private static long Argument32(Random random, List<(int Offset, int Length)> strings, out (int Offset, int Length)? stringChosen)
    {
        stringChosen = null;
        switch (random.Next(10))
        {
            case 0:
            case 1:
                return Fds[random.Next(Fds.Length)];
            case 2:
            case 3:
                var s = strings[random.Next(strings.Count)];
                stringChosen = s;
                return s.Offset;
            case 4:
                return Lengths[random.Next(Lengths.Length)];
            case 5:
                // At, across and past the end of memory, and the top of the 32-bit space.
                long[] edges = [MemoryBytes, MemoryBytes - 1, MemoryBytes - 2, MemoryBytes - 4, MemoryBytes - 8, MemoryBytes - 16, MemoryBytes + 4, -1, -4, -8, int.MinValue, int.MaxValue, 0];
                return edges[random.Next(edges.Length)];
            case 6:
                // In memory: the iovecs, the garbage, the scratch buffer, anywhere.
                long[] places = [IovecsAt, GarbageAt + random.Next(GarbageBytes), BufferAt, BufferAt + random.Next(4096), random.Next(MemoryBytes)];
                return places[random.Next(places.Length)];
            case 7:
                return 1L << random.Next(32);
            case 8:
                return random.Next(2) == 0 ? random.Next(-2, 3) : random.Next(0, 70);
            default:
                return random.Next(int.MinValue, int.MaxValue);
        }
    }

    private static long Wide64(Random random) => random.Next(4) switch
    {
        0 => random.NextInt64(long.MinValue, long.MaxValue),
        1 => random.Next(0, 5000),
        _ => Wide[random.Next(Wide.Length)],
    };

    private static (List<(int Offset, int Length)> Table, byte[] Data) LayOutStrings()
    {
        var table = new List<(int, int)>();
        var data = new List<byte>();
        foreach (var s in Strings)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            table.Add((StringsAt + data.Count, bytes.Length));
            data.AddRange(bytes);
            data.Add(0);
        }

        return (table, [.. data]);
    }

    private static void AppendTypes(StringBuilder text, string keyword, string kinds)
    {
        if (kinds.Length == 0)
        {
            return;
        }

        text.Append(" (").Append(keyword);
        foreach (var kind in kinds)
        {
            text.Append(kind == 'I' ? " i64" : " i32");
        }

        text.Append(')');
    }

    private static void AppendData(StringBuilder text, int offset, byte[] bytes)
    {
        text.Append("  (data (i32.const ").Append(offset).Append(") \"");
        foreach (var b in bytes)
        {
            text.Append('\\').Append(b.ToString("x2"));
        }

        text.Append("\")\n");
    }

    private static byte[] Le32(int value) => BitConverter.GetBytes(value);
}
