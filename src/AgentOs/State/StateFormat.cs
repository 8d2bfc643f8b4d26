using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentOs.State;

/// <summary>The constants of the saved-state format (docs/state-format.md).</summary>
internal static class StateFormat
{
    /// <summary>The first eight bytes of every state.</summary>
    public static ReadOnlySpan<byte> Magic => "AOSSTATE"u8;

    /// <summary>The format version this library writes and reads.</summary>
    public const uint Version = 1;

    /// <summary>Largest header (JSON) accepted.</summary>
    public const int MaxHeaderBytes = 1 << 20;

    /// <summary>Largest payload chunk, written and accepted.</summary>
    public const int MaxChunkBytes = 1 << 20;

    /// <summary>Tar bytes allowed per inode the limits admit, on top of their file bytes: headers, PAX records and
    /// padding. A state needing more is refused (a tar or gzip bomb).</summary>
    public const long TarBytesPerInode = 8 << 10;

    /// <summary>PAX records holding the exact times, in nanoseconds since the Unix epoch.</summary>
    public const string AccessTimeKey = "AGENTOS.atime";

    /// <inheritdoc cref="AccessTimeKey"/>
    public const string ModifyTimeKey = "AGENTOS.mtime";

    /// <inheritdoc cref="AccessTimeKey"/>
    public const string ChangeTimeKey = "AGENTOS.ctime";

    /// <summary>The header's JSON shape: camelCase, enums as strings, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
