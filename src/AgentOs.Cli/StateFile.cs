using System.CommandLine;

namespace AgentOs.Cli;

/// <summary>
/// <c>--state FILE</c> of exec, run and sh: the VM is created from FILE when it exists, and after the run its state
/// is saved back atomically — written to a temporary file in FILE's directory, flushed to disk, then moved over FILE —
/// so a crash at any point leaves the old state or the new one, never a torn file.
/// </summary>
internal static class StateFile
{
    public static Option<string?> Option() => new("--state")
    {
        HelpName = "FILE",
        Description = "Create the VM from the state saved in FILE (if it exists) and save the VM's state back to FILE after the run (files, modes, owners, times, VM id, limits; not --mount directories).",
    };

    /// <summary>FILE opened for reading, or null when there is no state yet.</summary>
    public static FileStream? OpenExisting(string? path) =>
        path is not null && File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous) : null;

    /// <exception cref="IOException">FILE's directory cannot be written.</exception>
    public static async Task SaveAsync(AgentOsVm vm, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():n}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await vm.SaveStateAsync(stream).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new IOException($"--state {path}: the state cannot be saved: {e.Message}", e);
        }
    }
}
