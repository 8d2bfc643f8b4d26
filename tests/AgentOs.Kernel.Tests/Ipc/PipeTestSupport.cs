using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Tests.Ipc;

/// <summary>Runs blocking guest-side calls on their own threads and waits for kernel-visible states.</summary>
internal static class PipeTestSupport
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>No deadline, no cancellation. Not <c>WaitContext.Unbounded</c>: that is <c>default</c>, whose
    /// TimeoutMs of 0 times out at once (reported against the shared contract).</summary>
    public static readonly WaitContext Forever = new(CancellationToken.None);

    /// <summary>Spins until <paramref name="condition"/> holds (a kernel-visible state), failing after a generous timeout.</summary>
    public static void WaitUntil(Func<bool> condition) =>
        Assert.True(SpinWait.SpinUntil(condition, Generous), "state not reached");

    /// <summary>Runs <paramref name="body"/> on a dedicated thread (it may block in the kernel).</summary>
    public static Task<T> OnThread<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Waits for a guest thread's result, failing instead of hanging.</summary>
    public static T Join<T>(Task<T> task)
    {
        Assert.True(task.Wait(Generous), "guest thread did not finish");
        return task.Result;
    }

    public static (Errno Errno, int Count) Write(FileDescription d, byte[] data, WaitContext? wait = null)
    {
        var errno = d.Write(data, wait ?? Forever, out var written);
        return (errno, written);
    }

    public static (Errno Errno, byte[] Data) Read(FileDescription d, int max, WaitContext? wait = null)
    {
        var buffer = new byte[max];
        var errno = d.Read(buffer, wait ?? Forever, out var read);
        return (errno, buffer[..read]);
    }

    /// <summary>Reads with blocking calls until EOF.</summary>
    public static byte[] ReadToEnd(FileDescription d, int chunk)
    {
        var all = new MemoryStream();
        var buffer = new byte[chunk];
        while (true)
        {
            Assert.Equal(Errno.Success, d.Read(buffer, Forever, out var read));
            if (read == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, read);
        }
    }

    public static byte[] Bytes(int count, int seed)
    {
        var data = new byte[count];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static byte[] Sequence(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();
}
