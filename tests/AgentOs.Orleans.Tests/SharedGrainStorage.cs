using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace AgentOs.Orleans.Tests;

/// <summary>Grain storage shared by every silo of the test process, so it outlives a killed silo (Orleans' memory
/// storage keeps its data in grains, which die with their silo).</summary>
internal sealed class SharedGrainStorage(Serializer serializer) : IGrainStorage
{
    public static ConcurrentDictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Entries.TryGetValue(Key(stateName, grainId), out var bytes))
        {
            grainState.State = serializer.Deserialize<T>(bytes);
            grainState.ETag = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.SerializeToArray(grainState.State);
        Entries[Key(stateName, grainId)] = bytes;
        grainState.ETag = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Entries.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The entry key of a VM's state.</summary>
    public static string KeyOfVm(string name) => Entries.Keys.Single(k => k.EndsWith("/" + name, StringComparison.Ordinal));

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
