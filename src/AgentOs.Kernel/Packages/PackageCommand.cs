namespace AgentOs.Kernel.Packages;

/// <summary>A command a package exports and the absolute index path of the entry that implements it.</summary>
internal sealed record PackageCommand(string Name, string EntryPath);
