using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>Descriptor-level system calls: one method per guest operation on an fd.</summary>
public sealed partial class Kernel
{
    private const int SigPipe = 13;

    /// <summary>read(2). Blocks (cancellable by signals) on pipes; no deadline: an idle producer is not an error.</summary>
    public Errno Read(Process process, int fd, Span<byte> buffer, out int read)
    {
        read = 0;
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.Read(buffer, new(process.Interrupted), out read);
    }

    /// <summary>write(2). EPIPE also raises SIGPIPE on the writer, whose default action ends it.</summary>
    public Errno Write(Process process, int fd, ReadOnlySpan<byte> buffer, out int written)
    {
        written = 0;
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (buffer.Length > Limits.MaxFdWriteBytes)
        {
            // Complete short rather than fail: callers loop on partial writes.
            buffer = buffer[..(int)Limits.MaxFdWriteBytes];
        }

        process.PendingWrite = file;
        try
        {
            errno = file.Write(buffer, new(process.Interrupted), out written);
        }
        finally
        {
            process.PendingWrite = null;
        }

        return SignalBrokenPipe(process, file, errno, Net.MessageFlags.None);
    }

    // EPIPE comes with SIGPIPE (unless MSG_NOSIGNAL) for pipes and stream sockets; Unix datagram and seqpacket sockets
    // only return it (Linux raises the signal in unix_stream_sendmsg alone). Returns errno unchanged.
    private Errno SignalBrokenPipe(Process process, FileDescription file, Errno errno, Net.MessageFlags flags)
    {
        if (errno == Errno.EPIPE && (flags & Net.MessageFlags.NoSignal) == 0 && file is not (Net.UnixMessageSocket or Net.UnixDatagramSocket))
        {
            Processes.Kill(process, process.Pid, SigPipe);
        }

        return errno;
    }

    /// <summary>pread(2).</summary>
    public Errno PRead(Process process, int fd, Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return file.PRead(buffer.Length > Limits.MaxPreadBytes ? buffer[..(int)Limits.MaxPreadBytes] : buffer, offset, out read);
    }

    /// <summary>pwrite(2).</summary>
    public Errno PWrite(Process process, int fd, ReadOnlySpan<byte> buffer, long offset, out int written)
    {
        written = 0;
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.PWrite(buffer, offset, out written);
    }

    /// <summary>lseek(2).</summary>
    public Errno Seek(Process process, int fd, long offset, SeekWhence whence, out long position)
    {
        position = 0;
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.Seek(offset, whence, out position);
    }

    /// <summary>close(2).</summary>
    public Errno Close(Process process, int fd) => process.Fds.Close(fd);

    /// <summary>The description behind <paramref name="fd"/>.</summary>
    public Errno GetFile(Process process, int fd, out FileDescription file) => process.Fds.Get(fd, out file);

    /// <summary>fstat(2).</summary>
    public Errno Fstat(Process process, int fd, out StatInfo stat)
    {
        stat = default;
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.Stat(out stat);
    }

    /// <summary>ftruncate(2); growth is charged to the filesystem budget by the file itself.</summary>
    public Errno Ftruncate(Process process, int fd, long length)
    {
        if (length < 0)
        {
            return Errno.EINVAL;
        }

        var errno = process.Fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return !file.CanWrite ? Errno.EBADF : file.Truncate(length);
    }

    /// <summary>posix_fallocate: ensures the file is at least offset+length bytes.</summary>
    public Errno Fallocate(Process process, int fd, long offset, long length)
    {
        if (offset < 0 || length <= 0 || offset + length < offset)
        {
            return Errno.EINVAL;
        }

        var errno = Fstat(process, fd, out var stat);
        if (errno != Errno.Success)
        {
            return errno;
        }

        return stat.Size >= offset + length ? Errno.Success : Ftruncate(process, fd, offset + length);
    }

    /// <summary>fsync(2)/fdatasync(2).</summary>
    public Errno Fsync(Process process, int fd)
    {
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.Sync();
    }

    /// <summary>F_SETFL.</summary>
    public Errno SetStatusFlags(Process process, int fd, OpenFlags flags)
    {
        var errno = process.Fds.Get(fd, out var file);
        return errno != Errno.Success ? errno : file.SetStatusFlags(flags);
    }

    /// <summary>F_GETFD.</summary>
    public Errno GetFdFlags(Process process, int fd, out FdFlags flags) => process.Fds.GetFlags(fd, out flags);

    /// <summary>F_SETFD.</summary>
    public Errno SetFdFlags(Process process, int fd, FdFlags flags) => process.Fds.SetFlags(fd, flags);

    /// <summary>dup(2) / F_DUPFD with a minimum number.</summary>
    public Errno Dup(Process process, int fd, int minFd, out int newFd) => process.Fds.Dup(fd, out newFd, minFd);

    /// <summary>dup2(2).</summary>
    public Errno Dup2(Process process, int fd, int newFd) => process.Fds.Dup2(fd, newFd);

    /// <summary>fd_renumber: dup2 then close the source.</summary>
    public Errno Renumber(Process process, int from, int to)
    {
        if (from == to)
        {
            return process.Fds.Get(from, out _);
        }

        var errno = process.Fds.Dup2(from, to);
        return errno != Errno.Success ? errno : process.Fds.Close(from);
    }

    /// <summary>closefrom(2).</summary>
    public Errno CloseFrom(Process process, int fd)
    {
        if (fd < 0)
        {
            return Errno.EBADF;
        }

        process.Fds.CloseFrom(fd);
        return Errno.Success;
    }

    /// <summary>pipe(2): both fds or neither; the pipe counts against <c>vm_pipes</c>.</summary>
    public Errno Pipe(Process process, out int readFd, out int writeFd)
    {
        readFd = writeFd = -1;
        var errno = Ipc.Pipe.TryCreate(PipesGauge, Ipc.Pipe.DefaultCapacity, out var reader, out var writer);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = process.Fds.AddPair(reader, writer, FdFlags.None, out readFd, out writeFd);
        if (errno != Errno.Success)
        {
            reader.Close();
            writer.Close();
        }

        return errno;
    }

    /// <summary>
    /// poll(2): waits until a descriptor in <paramref name="fds"/> is ready, the timeout passes (Success, 0 ready) or
    /// a signal arrives (EINTR). Readiness changes are pushed by the descriptions, so nothing polls in a loop.
    /// </summary>
    public Errno Poll(Process process, IReadOnlyList<PollFd> fds, int timeoutMs, out int ready)
    {
        ready = 0;
        var gate = new object();
        var changed = false;
        var files = new FileDescription?[fds.Count];
        void OnChange()
        {
            lock (gate)
            {
                changed = true;
                Monitor.PulseAll(gate);
            }
        }

        for (var i = 0; i < fds.Count; i++)
        {
            if (fds[i].Fd >= 0 && process.Fds.Get(fds[i].Fd, out var file) == Errno.Success)
            {
                files[i] = file;
                file.ReadinessChanged += OnChange;
            }
        }

        try
        {
            var wait = new WaitContext(process.Interrupted, timeoutMs < 0 ? Timeout.Infinite : timeoutMs);
            var deadline = wait.DeadlineFromNow();
            lock (gate)
            {
                while (true)
                {
                    changed = false;
                    ready = 0;
                    for (var i = 0; i < fds.Count; i++)
                    {
                        var entry = fds[i];
                        entry.Returned = entry.Fd < 0 ? PollEvents.None
                            : files[i] is not { } file ? PollEvents.Nval
                            : file.Poll() & (entry.Events | PollEvents.Err | PollEvents.Hup);
                        if (entry.Returned != PollEvents.None)
                        {
                            ready++;
                        }
                    }

                    if (ready > 0 || timeoutMs == 0)
                    {
                        return Errno.Success;
                    }

                    if (!changed)
                    {
                        var errno = KernelWait.Wait(gate, wait, deadline);
                        if (errno == Errno.ETIMEDOUT)
                        {
                            return Errno.Success;
                        }

                        if (errno != Errno.Success)
                        {
                            return errno;
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var file in files)
            {
                if (file is not null)
                {
                    file.ReadinessChanged -= OnChange;
                }
            }
        }
    }
}
