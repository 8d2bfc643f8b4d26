using Microsoft.Extensions.AI;

namespace AgentOs.AI.Tests;

/// <summary>
/// A stand-in model: each turn answers with the next scripted step (tool calls or final text), and every turn's
/// messages are kept so a test can read the tool results the invoking client sent back.
/// </summary>
internal sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] steps) : IChatClient
{
    private int _next;

    public List<IReadOnlyList<ChatMessage>> Turns { get; } = [];

    public List<ChatOptions?> Options { get; } = [];

    /// <summary>A turn that calls one function.</summary>
    public static Func<IReadOnlyList<ChatMessage>, ChatResponse> Call(string callId, string name, Dictionary<string, object?> arguments) =>
        _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]));

    /// <summary>A final answer.</summary>
    public static Func<IReadOnlyList<ChatMessage>, ChatResponse> Answer(string text) =>
        _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var turn = messages.ToList();
        Turns.Add(turn);
        Options.Add(options);
        Assert.True(_next < steps.Length, "the model was asked more often than scripted");
        return Task.FromResult(steps[_next++](turn));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the tests use GetResponseAsync");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
