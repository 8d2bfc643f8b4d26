namespace AgentOs.Orleans;

/// <summary>The rule for VM names (the grain keys): 1 to 128 characters, letters, digits, '.', '_' and '-'.</summary>
public static class VmName
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Throws when <paramref name="name"/> is not a valid VM name.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long or has a character outside the rule.</exception>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"VM name must have 1 to {MaxLength} characters (was {name.Length}).", nameof(name));
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw new ArgumentException($"VM name \"{name}\" has '{c}': only letters, digits, '.', '_' and '-' are allowed.", nameof(name));
            }
        }
    }
}
