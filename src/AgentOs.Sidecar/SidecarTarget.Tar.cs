using StreamJsonRpc;

namespace AgentOs.Sidecar;

// Tar transfer in chunks through a VM file: the host moves the archive with fs.writeFile/fs.readFile (bounded
// chunks, counted against the VM's limits) and these calls pack or unpack it inside the VM.
internal sealed partial class SidecarTarget
{
    [JsonRpcMethod("fs.importTar")]
    public Task<object> ImportTarAsync(string vmId, string archive, string path, bool gzip = false, CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        var vm = Vm(vmId);
        var stream = vm.FileSystem.OpenRead(archive);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await vm.ImportTarAsync(stream, path, gzip, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw SidecarErrors.InvalidParams("archive: " + e.Message, "archive");
            }
        }

        return new { imported = true };
    });

    [JsonRpcMethod("fs.exportTar")]
    public Task<object> ExportTarAsync(string vmId, string path, string archive, bool gzip = false, CancellationToken cancellationToken = default) => Guard<object>(async () =>
    {
        var vm = Vm(vmId);
        var stream = vm.FileSystem.OpenWrite(archive);
        await using (stream.ConfigureAwait(false))
        {
            await vm.ExportTarAsync(path, stream, gzip, cancellationToken).ConfigureAwait(false);
            return new { size = stream.Length };
        }
    });
}
