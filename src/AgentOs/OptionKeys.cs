using System.Reflection;
using System.Text.Json;
using AgentOs.Kernel.Limits;
using AgentOs.Network;
using Microsoft.Extensions.Configuration;

namespace AgentOs;

/// <summary>
/// The keys of the agentOS configuration shape (<c>software</c>, <c>limits.resources.*</c>, <c>network.*</c>…), so
/// the library's configuration binding, the CLI's <c>--limits</c> file and the sidecar's <c>vm.create</c> refuse a
/// misspelt key with the same message naming its path.
/// </summary>
internal static class OptionKeys
{
    // Properties that hold objects, not values; settable only in code.
    private static readonly HashSet<string> CodeOnly = new(StringComparer.Ordinal)
    {
        nameof(AgentOsOptions.Host), nameof(AgentOsOptions.LoggerFactory), nameof(AgentOsOptions.Progress), nameof(AgentOsOptions.MeterFactory),
        nameof(AgentOsOptions.State),
    };

    // Option types whose keys are checked one level further; any other property is a value (or a list or map of values).
    private static readonly HashSet<Type> Sections = [typeof(AgentOsOptions), typeof(LimitsOptions), typeof(ResourceLimits), typeof(ProcessLimitsOptions), typeof(NetworkOptions)];

    /// <summary>The message for <paramref name="path"/>, a key that <paramref name="section"/> does not have.</summary>
    public static string UnknownKeyMessage(string path, Type section) =>
        $"{path} is not a known {(path.StartsWith("limits.", StringComparison.Ordinal) ? "limit" : "option")} (known: {string.Join(", ", Keys(section).Keys)})";

    /// <summary>The camelCase keys of an option type and the properties they bind.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Keys(Type section) => section
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && !CodeOnly.Contains(p.Name))
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws for the first key of <paramref name="configuration"/> (case-insensitive, as the binder) that
    /// <paramref name="section"/> does not bind.</summary>
    /// <exception cref="LimitConfigurationException">An unknown key; <see cref="LimitConfigurationException.ConfigPath"/> is its path.</exception>
    public static void Check(IConfiguration configuration, Type section, string prefix = "")
    {
        var keys = Keys(section);
        foreach (var child in configuration.GetChildren())
        {
            var path = prefix + (keys.TryGetValue(child.Key, out var property) ? Camel(property) : child.Key);
            if (property is null)
            {
                throw new LimitConfigurationException(path, UnknownKeyMessage(path, section));
            }

            if (Sections.Contains(property.PropertyType))
            {
                Check(child, property.PropertyType, path + ".");
            }
        }
    }

    /// <summary>Throws for the first property of the JSON object <paramref name="json"/> that <paramref name="section"/>
    /// does not bind.</summary>
    /// <exception cref="LimitConfigurationException">An unknown key; <see cref="LimitConfigurationException.ConfigPath"/> is its path.</exception>
    public static void Check(JsonElement json, Type section, string prefix)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return; // the deserializer names a wrong type
        }

        var keys = Keys(section);
        foreach (var child in json.EnumerateObject())
        {
            var path = prefix + (keys.TryGetValue(child.Name, out var property) ? Camel(property) : child.Name);
            if (property is null)
            {
                throw new LimitConfigurationException(path, UnknownKeyMessage(path, section));
            }

            if (Sections.Contains(property.PropertyType))
            {
                Check(child.Value, property.PropertyType, path + ".");
            }
        }
    }

    private static string Camel(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
