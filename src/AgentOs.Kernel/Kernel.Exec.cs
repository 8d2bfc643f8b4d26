using System.Text;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel;

/// <summary>
/// posix_spawn and exec: program lookup (PATH, permissions, <c>#!</c> interpreters), limits, the child's descriptor
/// table, then the executor. Checks run before side effects: a rejected spawn creates nothing.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>PATH used when the environment has none (the reference VM's projection first).</summary>
    public const string DefaultPath = "/opt/agentos/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>limits.wasm.maxModuleFileBytes: a larger image fails with EFBIG.</summary>
    public const long MaxModuleFileBytes = 256L << 20;

    private const int MaxInterpreterDepth = 4;
    private const int MaxShebangLine = 256;
    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6D];

    /// <summary>Runs process images; set once by the VM before the first spawn.</summary>
    public IExecutor? Executor { get; set; }

    /// <summary>posix_spawn(3) from a guest: writes the child's pid on success.</summary>
    public Errno Spawn(Process parent, SpawnRequest request, out int pid)
    {
        pid = 0;

        // Processes before descriptors, as Linux checks RLIMIT_NPROC in fork before copying the fd table.
        if (ProcessesGauge.Available <= 0)
        {
            return Errno.EAGAIN;
        }

        var errno = parent.Fds.Fork(out var fds);
        if (errno != Errno.Success)
        {
            return errno;
        }

        errno = SpawnProcess(parent, request, parent.Credentials, fds, out var child);
        if (errno == Errno.Success)
        {
            pid = child.Pid;
        }

        return errno;
    }

    /// <summary>
    /// Starts a top-level process for the host with <paramref name="stdio"/> as fds 0, 1, 2 (null = /dev/null).
    /// The process has no parent: it leads its own session and is reaped when it exits.
    /// </summary>
    public Errno SpawnFromHost(SpawnRequest request, Credentials credentials, IReadOnlyList<FileDescription?> stdio, out Process process)
    {
        process = null!;
        var table = new FdTable(OpenFdsGauge, Limits.MaxOpenFds);
        for (var fd = 0; fd < stdio.Count; fd++)
        {
            var file = stdio[fd];
            if (file is null)
            {
                var errno = FileSystem.Open(PathContext.Root, "/dev/null", OpenFlags.ReadWrite, 0, out file);
                if (errno != Errno.Success)
                {
                    table.CloseAll();
                    return errno;
                }
            }

            var added = table.Add(file, FdFlags.None, out var slot);
            if (added != Errno.Success || slot != fd)
            {
                table.CloseAll();
                return added == Errno.Success ? Errno.EBADF : added;
            }
        }

        return SpawnProcess(null, request, credentials, table, out process);
    }

    /// <summary>
    /// exec(3) up to the point of no return: resolves <paramref name="path"/> literally (no PATH search), then closes
    /// <paramref name="closeOnExec"/> and every FD_CLOEXEC descriptor and records the new image. On failure nothing
    /// changed and the old image continues.
    /// </summary>
    public Errno PrepareExec(Process process, string path, IReadOnlyList<string> arguments, IReadOnlyList<string> environment, IReadOnlyList<int> closeOnExec, out ExecImage image)
    {
        image = null!;
        var errno = CheckPayload(arguments, environment);
        if (errno != Errno.Success)
        {
            return errno;
        }

        var context = new PathContext(process.Credentials, process.WorkingDirectory, process.Umask);
        errno = LoadImage(context, Absolute(process.WorkingDirectory, path), arguments, WithPwd(environment, process.WorkingDirectory), 0, out image);
        if (errno != Errno.Success)
        {
            return errno;
        }

        foreach (var fd in closeOnExec)
        {
            process.Fds.Close(fd);
        }

        process.Fds.CloseOnExec();
        Processes.CommitExec(process, image.Path, image.Arguments, image.Environment);
        return Errno.Success;
    }

    /// <summary>The common spawn path; <paramref name="fds"/> is the child's table (a fork of the parent's, or the
    /// host's stdio), owned by this call: closed on failure, handed to the process on success.</summary>
    private Errno SpawnProcess(Process? parent, SpawnRequest request, Credentials credentials, FdTable fds, out Process child)
    {
        child = null!;
        var errno = (request.Attributes & ~SpawnAttributes.Supported) != 0 ? Errno.EOPNOTSUPP : Errno.Success;
        errno = errno == Errno.Success ? CheckPayload(request.Arguments, request.Environment) : errno;

        // The process cap is checked before anything else, as the reference kernel does; Create re-checks atomically.
        if (errno == Errno.Success && ProcessesGauge.Available <= 0)
        {
            errno = Errno.EAGAIN;
        }

        if (errno != Errno.Success)
        {
            fds.CloseAll();
            return errno;
        }

        var executor = Executor ?? throw new InvalidOperationException("The VM has no executor.");
        var cwd = request.WorkingDirectory ?? parent?.WorkingDirectory ?? "/";
        var umask = parent?.Umask ?? 0x12;
        errno = ApplyFileActions(credentials, umask, fds, request.FileActions, ref cwd);
        if (errno == Errno.Success)
        {
            fds.CloseOnExec();
            errno = FileSystem.ResolveDirectory(new PathContext(credentials, "/", umask), cwd, out cwd);
        }

        ExecImage? image = null;
        if (errno == Errno.Success)
        {
            var environment = WithPwd(request.Environment, cwd);
            var context = new PathContext(credentials, cwd, umask);
            errno = ResolveProgram(context, request.Program, environment, out var path);
            if (errno == Errno.Success)
            {
                errno = LoadImage(context, path, request.Arguments, environment, 0, out image);
            }
        }

        if (errno != Errno.Success)
        {
            fds.CloseAll();
            return errno;
        }

        var attributes = request.Attributes;
        var start = new ProcessStart(image!.Path)
        {
            Arguments = image.Arguments,
            Environment = image.Environment,
            WorkingDirectory = cwd,
            Umask = umask,
            Credentials = credentials,
            GroupMode = (attributes & SpawnAttributes.SetSid) != 0 ? ProcessGroupMode.NewSession
                : (attributes & SpawnAttributes.SetProcessGroup) == 0 ? ProcessGroupMode.Inherit
                : request.ProcessGroup == 0 ? ProcessGroupMode.NewGroup : ProcessGroupMode.JoinGroup,
            Pgid = request.ProcessGroup,
            BlockedSignals = (attributes & SpawnAttributes.SetSignalMask) != 0 ? request.SignalMask : null,
            ResetToDefault = (attributes & SpawnAttributes.SetSignalDefault) != 0 ? request.SignalDefaults : 0,
        };
        errno = Processes.Create(parent, fds, start, out child);
        if (errno != Errno.Success)
        {
            fds.CloseAll();
            return errno;
        }

        if (parent is not null)
        {
            // Resource limits are inherited across fork/spawn; the CPU time used starts again at zero.
            child.CpuLimitSoft = parent.CpuLimitSoft;
            child.CpuLimitHard = parent.CpuLimitHard;
            child.NextCpuSignalSeconds = parent.CpuLimitSoft;
        }

        errno = executor.Start(child, image);
        if (errno != Errno.Success)
        {
            Processes.Abandon(child);
            child = null!;
        }

        return errno;
    }

    private Errno CheckPayload(IReadOnlyList<string> arguments, IReadOnlyList<string> environment)
    {
        // Σ(len + 1) as execve counts it; Linux answers E2BIG past its argument space.
        long argv = 0;
        foreach (var a in arguments)
        {
            argv += Encoding.UTF8.GetByteCount(a) + 1;
        }

        long env = 0;
        foreach (var e in environment)
        {
            env += Encoding.UTF8.GetByteCount(e) + 1;
        }

        return argv > Limits.MaxProcessArgvBytes || env > Limits.MaxProcessEnvBytes ? Errno.E2BIG : Errno.Success;
    }

    private Errno ApplyFileActions(Credentials credentials, uint umask, FdTable fds, IReadOnlyList<SpawnFileAction> actions, ref string cwd)
    {
        foreach (var action in actions)
        {
            var errno = action.Kind switch
            {
                SpawnFileActionKind.Close => action.Fd < 0 ? Errno.EBADF : fds.Close(action.Fd),
                SpawnFileActionKind.Dup2 => action.Fd < 0 || action.SourceFd < 0 ? Errno.EBADF
                    : action.Fd == action.SourceFd ? fds.SetFlags(action.Fd, FdFlags.None)
                    : fds.Dup2(action.SourceFd, action.Fd),
                SpawnFileActionKind.Open => OpenAction(credentials, umask, fds, action, cwd),
                SpawnFileActionKind.Chdir => action.Path.Length == 0 ? Errno.ENOENT
                    : FileSystem.ResolveDirectory(new PathContext(credentials, cwd, umask), action.Path, out cwd),
                SpawnFileActionKind.Fchdir => FchdirAction(fds, action.Fd, ref cwd),
                SpawnFileActionKind.CloseFrom => CloseFromAction(fds, action.Fd),
                _ => Errno.EINVAL,
            };
            if (errno != Errno.Success)
            {
                return errno;
            }
        }

        return Errno.Success;
    }

    private Errno OpenAction(Credentials credentials, uint umask, FdTable fds, SpawnFileAction action, string cwd)
    {
        if (action.Fd < 0)
        {
            return Errno.EBADF;
        }

        if (action.Path.Length == 0)
        {
            return Errno.ENOENT;
        }

        if (TryOwnFdPath(action.Path, out var own))
        {
            // `wc < /dev/stdin` in a pipeline: the child's own stdin, as when a forked shell opens it.
            return own == action.Fd ? fds.Get(own, out _) : fds.Dup2(own, action.Fd);
        }

        var errno = FileSystem.Open(new PathContext(credentials, cwd, umask), action.Path, action.Flags & ~OpenFlags.CloseOnExec, action.Mode, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        // Install at the lowest free fd, then move it to the requested number (dup2 closes what was there).
        errno = fds.Add(file, FdFlags.None, out var slot);
        if (errno != Errno.Success)
        {
            file.Retain();
            file.Release();
            return errno;
        }

        if (slot != action.Fd)
        {
            errno = fds.Dup2(slot, action.Fd);
            fds.Close(slot);
        }

        return errno;
    }

    private static Errno FchdirAction(FdTable fds, int fd, ref string cwd)
    {
        var errno = fds.Get(fd, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        if (file is not DirectoryDescription directory)
        {
            return Errno.ENOTDIR;
        }

        cwd = directory.Path;
        return Errno.Success;
    }

    private static Errno CloseFromAction(FdTable fds, int fd)
    {
        if (fd < 0)
        {
            return Errno.EBADF;
        }

        fds.CloseFrom(fd);
        return Errno.Success;
    }

    /// <summary>execvp lookup: a name without "/" is searched on the environment's PATH.</summary>
    private Errno ResolveProgram(in PathContext context, string program, IReadOnlyList<string> environment, out string path)
    {
        path = program;
        if (program.Length == 0)
        {
            return Errno.ENOENT;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            path = Absolute(context.WorkingDirectory, program);
            return Errno.Success;
        }

        var search = DefaultPath;
        foreach (var entry in environment)
        {
            if (entry.StartsWith("PATH=", StringComparison.Ordinal))
            {
                search = entry[5..];
            }
        }

        var result = Errno.ENOENT;
        foreach (var directory in search.Split(':'))
        {
            var candidate = Absolute(context.WorkingDirectory, (directory.Length == 0 ? "." : directory) + "/" + program);
            var errno = CheckExecutable(context, candidate);
            if (errno == Errno.Success)
            {
                path = candidate;
                return Errno.Success;
            }

            // As execvp: a permission problem is remembered, but the search goes on.
            if (errno == Errno.EACCES)
            {
                result = Errno.EACCES;
            }
        }

        return result;
    }

    private Errno CheckExecutable(in PathContext context, string path)
    {
        var errno = FileSystem.Stat(context, path, follow: true, out var stat);
        if (errno != Errno.Success)
        {
            return errno;
        }

        // Even root needs an execute bit on a regular file (Linux); directories are EACCES.
        if (stat.FileType != FileType.RegularFile || (stat.Mode & 0x49) == 0)
        {
            return Errno.EACCES;
        }

        return context.Credentials.IsRoot ? Errno.Success : FileSystem.Access(context, path, 1);
    }

    private Errno LoadImage(in PathContext context, string path, IReadOnlyList<string> arguments, IReadOnlyList<string> environment, int depth, out ExecImage image)
    {
        image = null!;
        var errno = CheckExecutable(context, path);
        if (errno != Errno.Success)
        {
            return errno;
        }

        // exec needs execute permission, not read permission: the kernel reads the image itself.
        errno = FileSystem.Open(PathContext.Root, path, OpenFlags.ReadOnly, 0, out var file);
        if (errno != Errno.Success)
        {
            return errno;
        }

        file.Retain();
        try
        {
            if (file is not RegularFileDescription regular)
            {
                return Errno.EACCES;
            }

            var inode = regular.Inode;
            if (inode.Length > MaxModuleFileBytes)
            {
                return Errno.EFBIG;
            }

            Span<byte> head = stackalloc byte[MaxShebangLine];
            var n = inode.Read(0, head);
            head = head[..n];
            if (head.StartsWith(WasmMagic))
            {
                image = new ExecImage(path, inode.ContentKey, ReaderFor(inode), arguments, environment);
                return Errno.Success;
            }

            if (!head.StartsWith("#!"u8))
            {
                return Errno.ENOEXEC;
            }

            if (depth >= MaxInterpreterDepth)
            {
                return Errno.ELOOP;
            }

            var end = head.IndexOf((byte)'\n');
            if (end < 0 && n == MaxShebangLine)
            {
                return Errno.ENOEXEC;
            }

            var line = Encoding.UTF8.GetString(end < 0 ? head[2..] : head[2..end]).Trim(' ', '\t', '\r');
            var split = line.IndexOfAny([' ', '\t']);
            var interpreter = split < 0 ? line : line[..split];
            var argument = split < 0 ? string.Empty : line[(split + 1)..].Trim(' ', '\t');
            if (interpreter.Length == 0)
            {
                return Errno.ENOEXEC;
            }

            var next = new List<string>(arguments.Count + 2) { interpreter };
            if (argument.Length > 0)
            {
                next.Add(argument);
            }

            next.Add(path);
            next.AddRange(arguments.Skip(1));
            return LoadImage(context, Absolute(context.WorkingDirectory, interpreter), next, environment, depth + 1, out image);
        }
        finally
        {
            file.Release();
        }
    }

    // Immutable package files are read lazily (a compiled copy usually exists); anything else is copied now, since
    // a writable file may change or disappear before the executor runs it.
    private static Func<ReadOnlyMemory<byte>> ReaderFor(RegularFileInode inode)
    {
        if (inode.ContentKey is not null)
        {
            return () => ReadAll(inode);
        }

        var bytes = ReadAll(inode);
        return () => bytes;
    }

    private static ReadOnlyMemory<byte> ReadAll(RegularFileInode inode)
    {
        var bytes = new byte[inode.Length];
        var done = 0;
        while (done < bytes.Length)
        {
            var n = inode.Read(done, bytes.AsSpan(done));
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return bytes.AsMemory(0, done);
    }

    private static string Absolute(string cwd, string path) =>
        path.StartsWith('/') ? path : cwd.EndsWith('/') ? cwd + path : cwd + "/" + path;

    /// <summary>libc and brush take their cwd from PWD, so every process gets one matching its real cwd.</summary>
    private static IReadOnlyList<string> WithPwd(IReadOnlyList<string> environment, string cwd)
    {
        foreach (var entry in environment)
        {
            if (entry.StartsWith("PWD=", StringComparison.Ordinal))
            {
                return environment;
            }
        }

        return [.. environment, "PWD=" + cwd];
    }
}
