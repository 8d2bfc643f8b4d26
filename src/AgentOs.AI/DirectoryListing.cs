namespace AgentOs.AI;

/// <summary>A list_directory result; <see cref="Truncated"/> when entries past the cap were left out.</summary>
internal sealed record DirectoryListing(string Path, IReadOnlyList<DirectoryEntryInfo> Entries, bool Truncated);
