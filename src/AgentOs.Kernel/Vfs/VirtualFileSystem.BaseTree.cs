using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Vfs;

public sealed partial class VirtualFileSystem
{
    private const uint AgentOsId = 1000;

    private static readonly string[] RootDirectories =
    [
        "bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys",
        "tmp", "usr", "var", "workspace",
    ];

    private static readonly string[] OtherDirectories =
    [
        "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/share", "/usr/local", "/usr/local/bin", "/usr/local/sbin",
        "/usr/local/share", "/opt/agentos", "/opt/agentos/bin", "/opt/agentos/pkgs", "/opt/agentos/share",
        "/var/tmp", "/var/log", "/var/empty", "/home/agentos",
    ];

    private const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "bin:x:1:1:bin:/bin:/sbin/nologin\n" +
        "daemon:x:2:2:daemon:/sbin:/sbin/nologin\n" +
        "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\n" +
        "sync:x:5:0:sync:/sbin:/bin/sync\n" +
        "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\n" +
        "halt:x:7:0:halt:/sbin:/sbin/halt\n" +
        "mail:x:8:12:mail:/var/mail:/sbin/nologin\n" +
        "news:x:9:13:news:/usr/lib/news:/sbin/nologin\n" +
        "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\n" +
        "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin\n" +
        "ftp:x:21:21::/var/lib/ftp:/sbin/nologin\n" +
        "sshd:x:22:22:sshd:/dev/null:/sbin/nologin\n" +
        "games:x:35:35:games:/usr/games:/sbin/nologin\n" +
        "ntp:x:123:123:NTP:/var/empty:/sbin/nologin\n" +
        "guest:x:405:100:guest:/dev/null:/sbin/nologin\n" +
        "nobody:x:65534:65534:nobody:/:/sbin/nologin\n" +
        "agentos:x:1000:1000::/home/agentos:/bin/sh\n";

    private const string Group =
        "root:x:0:root\n" +
        "bin:x:1:root,bin,daemon\n" +
        "daemon:x:2:root,bin,daemon\n" +
        "sys:x:3:root,bin\n" +
        "adm:x:4:root,daemon\n" +
        "tty:x:5:\n" +
        "disk:x:6:root\n" +
        "lp:x:7:lp\n" +
        "kmem:x:9:\n" +
        "wheel:x:10:root\n" +
        "floppy:x:11:root\n" +
        "mail:x:12:mail\n" +
        "news:x:13:news\n" +
        "uucp:x:14:uucp\n" +
        "cron:x:16:cron\n" +
        "audio:x:18:\n" +
        "cdrom:x:19:\n" +
        "dialout:x:20:root\n" +
        "ftp:x:21:\n" +
        "sshd:x:22:\n" +
        "input:x:23:\n" +
        "tape:x:26:root\n" +
        "video:x:27:root\n" +
        "netdev:x:28:\n" +
        "kvm:x:34:kvm\n" +
        "games:x:35:\n" +
        "shadow:x:42:\n" +
        "www-data:x:82:\n" +
        "users:x:100:games\n" +
        "ntp:x:123:\n" +
        "abuild:x:300:\n" +
        "utmp:x:406:\n" +
        "ping:x:999:\n" +
        "nogroup:x:65533:\n" +
        "nobody:x:65534:\n" +
        "agentos:x:1000:\n";

    private const string OsRelease =
        "NAME=\"Alpine Linux\"\n" +
        "ID=alpine\n" +
        "VERSION_ID=3.22.0\n" +
        "PRETTY_NAME=\"Alpine Linux v3.22 (AgentOs)\"\n" +
        "VARIANT=\"AgentOs\"\n" +
        "VARIANT_ID=agentos\n" +
        "HOME_URL=\"https://alpinelinux.org/\"\n" +
        "BUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n";

    /// <summary>
    /// A file system holding the reference VM's base tree (spec §6): the Alpine-like top-level directories, /tmp
    /// 1777, /root 0700, /home/agentos 2755 and /workspace 0755 owned by agentos (1000:1000), /etc/passwd, group,
    /// hosts, hostname and os-release, the /dev memory devices and a read-only /proc holding /proc/mounts. The base
    /// entries are charged to the gauges like any other.
    /// </summary>
    /// <exception cref="InvalidOperationException">The budgets cannot hold the base tree.</exception>
    public static VirtualFileSystem CreateWithBaseTree(LimitGauge filesystemBytes, LimitGauge inodes, TimeProvider time)
    {
        var fileSystem = new VirtualFileSystem(filesystemBytes, inodes, time);
        fileSystem.BuildBaseTree();
        return fileSystem;
    }

    private static void Require(Errno result, string step)
    {
        if (result != Errno.Success)
        {
            throw new InvalidOperationException($"Building the base file system failed at {step}: {result}.");
        }
    }

    private void BuildBaseTree()
    {
        var root = new PathContext(Credentials.Root, "/", 0);
        foreach (var name in RootDirectories)
        {
            Require(Mkdir(root, "/" + name, 0x1ED), "/" + name);
        }

        foreach (var path in OtherDirectories)
        {
            Require(Mkdir(root, path, 0x1ED), path);
        }

        Require(Chmod(root, "/tmp", 0x3FF, follow: false), "/tmp");
        Require(Chmod(root, "/var/tmp", 0x3FF, follow: false), "/var/tmp");
        Require(Chmod(root, "/root", 0x1C0, follow: false), "/root");
        Require(Chmod(root, "/home/agentos", 0x5ED, follow: false), "/home/agentos");
        Require(Chown(root, "/home/agentos", AgentOsId, AgentOsId, follow: false), "/home/agentos");
        Require(Chown(root, "/workspace", AgentOsId, AgentOsId, follow: false), "/workspace");

        WriteBaseFile(root, "/etc/passwd", Passwd);
        WriteBaseFile(root, "/etc/group", Group);
        WriteBaseFile(root, "/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
        WriteBaseFile(root, "/etc/hostname", "agentos\n");
        WriteBaseFile(root, "/etc/os-release", OsRelease);

        (string Name, CharDevice Device)[] devices =
        [
            ("null", CharDevice.Null), ("zero", CharDevice.Zero), ("full", CharDevice.Full),
            ("random", CharDevice.Random), ("urandom", CharDevice.URandom),
        ];
        foreach (var (name, device) in devices)
        {
            Require(MakeCharDevice(root, "/dev/" + name, device, 0x1B6), "/dev/" + name);
        }

        Require(MountProc(), "/proc");
    }

    /// <summary>Mounts the read-only /proc (holding /proc/mounts) on the directory /proc, made (root, 0555) if a
    /// loaded tree has none. ENOTDIR when something else is there.</summary>
    internal Errno MountProc()
    {
        var result = Mkdir(new PathContext(Credentials.Root, "/", 0), "/proc", 0x16D);
        if (result is not (Errno.Success or Errno.EEXIST))
        {
            return result;
        }

        var proc = CreateFileSystem();
        var procRoot = new DirectoryInode(proc, 0x16D, 0, 0, isRoot: true);
        procRoot.Link("mounts", new GeneratedFileInode(proc, 0x124, MountsText));
        return Mount("/proc", procRoot, readOnly: true, "proc", "proc");
    }

    private void WriteBaseFile(in PathContext root, string path, string content)
    {
        Require(Open(root, path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, 0x1A4, out var file), path);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            Require(file.Write(bytes, WaitContext.Unbounded, out var written), path);
            Require(written == bytes.Length ? Errno.Success : Errno.ENOSPC, path);
        }
        finally
        {
            file.Retain();
            file.Release();
        }
    }
}
