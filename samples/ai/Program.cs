using System.Text.Json;
using AgentOs;
using AgentOs.AI;
using Microsoft.Extensions.AI;

// The VM the agent works in: its own files and processes, nothing of this machine's.
await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions
{
    Limits = new() { Resources = new() { MaxProcesses = 64, MaxFilesystemBytes = 64L << 20 } },
});

// Any IChatClient works here (OpenAI, Azure OpenAI, Ollama…); this sample uses a stand-in that asks for two tool
// calls, so it runs without a model or a key. FunctionInvokingChatClient runs the calls in the VM.
using IChatClient chat = new FunctionInvokingChatClient(new ScriptedModel());
var options = new ChatOptions { Tools = [.. AgentOsAIFunctions.Create(vm)] };

ChatResponse response = await chat.GetResponseAsync("Count the words in a poem.", options);
Console.WriteLine(response.Text);
return 0;

/// <summary>A stand-in model: writes a file, counts its words, then answers with the tool's output.</summary>
internal sealed class ScriptedModel : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        ChatMessage reply = results.Count switch
        {
            0 => new(ChatRole.Assistant, [new FunctionCallContent("1", "write_file", new Dictionary<string, object?> { ["path"] = "poem.txt", ["content"] = "the sandbox keeps\nits own small world\n" })]),
            1 => new(ChatRole.Assistant, [new FunctionCallContent("2", "exec", new Dictionary<string, object?> { ["command"] = "wc -w < poem.txt" })]),
            _ => new(ChatRole.Assistant, $"The poem has {((JsonElement)results[^1].Result!).GetProperty("stdout").GetString()!.Trim()} words."),
        };
        return Task.FromResult(new ChatResponse(reply));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
