namespace AgentOs.Orleans;

/// <summary>
/// The one place that captures and restores a VM's state. For now a snapshot is a gzip tar per persisted directory
/// (<see cref="Directories"/>, through <see cref="AgentOsVm.ExportTarAsync"/>/<see cref="AgentOsVm.ImportTarAsync"/>:
/// files, modes, mtimes, symlinks) and the VM is recreated from the settings kept beside it in grain state; when the
/// library's whole-VM state API lands, this class switches to it alone.
/// </summary>
internal static class VmSnapshot
{
    /// <summary>The writable trees that survive a re-activation.</summary>
    public static readonly IReadOnlyList<string> Directories = ["/workspace", "/home", "/root", "/tmp"];

    private const int Magic = 0x414f5331; // "AOS1"

    public static async Task<byte[]> CaptureAsync(AgentOsVm vm, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            foreach (var directory in Directories)
            {
                if (!vm.RootFileSystem.Exists(directory))
                {
                    continue;
                }

                // An empty tree is stored as no bytes: a tar writer with no entries writes nothing at all.
                using var tar = new MemoryStream();
                if (vm.RootFileSystem.ReadDirectory(directory).Count > 0)
                {
                    await vm.ExportTarAsync(directory, tar, gzip: true, cancellationToken).ConfigureAwait(false);
                }

                writer.Write(directory);
                writer.Write((int)tar.Length);
                writer.Write(tar.GetBuffer(), 0, (int)tar.Length);
            }
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The snapshot is corrupt.</exception>
    public static async Task<AgentOsVm> RestoreAsync(byte[] snapshot, AgentOsOptions options, CancellationToken cancellationToken = default)
    {
        var vm = await AgentOsVm.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(snapshot), System.Text.Encoding.UTF8);
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException("not an AgentOs VM snapshot");
            }

            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var directory = reader.ReadString();
                if (!Directories.Contains(directory))
                {
                    throw new InvalidDataException($"unexpected directory {directory} in the snapshot");
                }

                var tar = reader.ReadBytes(reader.ReadInt32());
                if (vm.RootFileSystem.Exists(directory))
                {
                    vm.RootFileSystem.Delete(directory, recursive: true);
                }

                if (tar.Length == 0)
                {
                    vm.RootFileSystem.CreateDirectory(directory);
                }
                else
                {
                    await vm.ImportTarAsync(new MemoryStream(tar), directory, gzip: true, cancellationToken).ConfigureAwait(false);
                }
            }

            return vm;
        }
        catch
        {
            await vm.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
