using Microsoft.Extensions.Options;

namespace AgentOs;

/// <summary>
/// Validates <see cref="AgentOsOptions"/> for DI users with the checks and messages of
/// <see cref="AgentOsVm.CreateAsync"/> (and so of the CLI and the sidecar); with <c>ValidateOnStart</c> a bad
/// configuration stops the host from starting instead of failing the first VM.
/// </summary>
internal sealed class AgentOsOptionsValidator : IValidateOptions<AgentOsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            ResolvedOptions.From(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(ResolvedOptions.Message(e));
        }
    }
}
