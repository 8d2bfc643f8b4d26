namespace AgentOs.AI;

/// <summary>What the model gets when a call fails: the errno or the limit's config path is in <see cref="Error"/>.</summary>
internal sealed record FunctionError(string Error);
