using System.Text.Json;
using AgentOs.Kernel.Limits;
using AgentOs.Testing;
using Microsoft.Extensions.AI;

namespace AgentOs.AI.Tests;

/// <summary>
/// The AIFunctions driven the way an app uses them: a (scripted) model's tool calls run by the real
/// <see cref="FunctionInvokingChatClient"/> against a real VM.
/// </summary>
public sealed class AIFunctionTests
{
    [Fact]
    public async Task AModelWritesRunsReadsAndListsThroughTheInvokingClient()
    {
        await using AgentOsVm vm = await CreateVmAsync();
        var model = new ScriptedChatClient(
            ScriptedChatClient.Call("1", "write_file", new() { ["path"] = "notes/todo.txt", ["content"] = "pears\napples\n" }),
            ScriptedChatClient.Call("2", "exec", new() { ["command"] = "sort notes/todo.txt > sorted.txt; cat sorted.txt; exit 3" }),
            ScriptedChatClient.Call("3", "read_file", new() { ["path"] = "sorted.txt" }),
            ScriptedChatClient.Call("4", "list_directory", new() { ["path"] = "notes" }),
            ScriptedChatClient.Answer("sorted"));
        using IChatClient client = new FunctionInvokingChatClient(model);

        ChatResponse response = await client.GetResponseAsync("sort my list", new ChatOptions { Tools = [.. AgentOsAIFunctions.Create(vm)] });

        Assert.Equal("sorted", response.Text);
        Assert.Equal("apples\npears\n", vm.FileSystem.ReadAllText("/workspace/sorted.txt"));

        JsonElement write = ResultOf(model, "1");
        Assert.Equal(13, write.GetProperty("bytesWritten").GetInt32());

        JsonElement exec = ResultOf(model, "2");
        Assert.Equal(3, exec.GetProperty("exitCode").GetInt32());
        Assert.Equal("apples\npears\n", exec.GetProperty("stdout").GetString());
        Assert.False(exec.GetProperty("timedOut").GetBoolean());

        JsonElement read = ResultOf(model, "3");
        Assert.Equal("apples\npears\n", read.GetProperty("content").GetString());
        Assert.Equal("utf-8", read.GetProperty("encoding").GetString());

        JsonElement list = ResultOf(model, "4");
        JsonElement entry = Assert.Single(list.GetProperty("entries").EnumerateArray());
        Assert.Equal("todo.txt", entry.GetProperty("name").GetString());
        Assert.Equal("file", entry.GetProperty("type").GetString());
        Assert.Equal(13, entry.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task TheToolsCarrySchemasAndDescriptionsFromTheVm()
    {
        await using AgentOsVm vm = await CreateVmAsync();
        var functions = AgentOsAIFunctions.Create(vm);
        Assert.Equal(["exec", "list_directory", "read_file", "write_file"], functions.Select(f => f.Name).Order(StringComparer.Ordinal));

        AIFunction exec = functions.Single(f => f.Name == "exec");
        Assert.Equal(["command"], exec.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(exec.JsonSchema.GetProperty("properties").TryGetProperty("timeoutMs", out _));
        Assert.Contains(" sed ", exec.Description);
        Assert.Contains("persist", exec.Description);
        Assert.Contains("limits.resources.maxFilesystemBytes", functions.Single(f => f.Name == "write_file").Description);
    }

    [Fact]
    public async Task GuestFailuresAndTimeoutsComeBackToTheModelAsValues()
    {
        await using AgentOsVm vm = await CreateVmAsync(new ResourceLimits { MaxFilesystemBytes = 64 * 1024 });
        var model = new ScriptedChatClient(
            ScriptedChatClient.Call("missing", "read_file", new() { ["path"] = "/no/such/file" }),
            ScriptedChatClient.Call("full", "write_file", new() { ["path"] = "big.txt", ["content"] = new string('x', 200 * 1024) }),
            ScriptedChatClient.Call("slow", "exec", new() { ["command"] = "echo started; sleep 30", ["timeoutMs"] = 300 }),
            ScriptedChatClient.Call("after", "exec", new() { ["command"] = "echo still here; ls" }),
            ScriptedChatClient.Answer("done"));
        using IChatClient client = new FunctionInvokingChatClient(model);

        ChatResponse response = await client.GetResponseAsync("try things", new ChatOptions { Tools = [.. AgentOsAIFunctions.Create(vm, new AgentOsAIFunctionOptions())] });
        Assert.Equal("done", response.Text);

        Assert.Contains("ENOENT", ResultOf(model, "missing").GetProperty("error").GetString());
        string full = ResultOf(model, "full").GetProperty("error").GetString()!;
        Assert.Contains("ENOSPC", full);
        Assert.Contains("limits.resources.maxFilesystemBytes", full);

        JsonElement slow = ResultOf(model, "slow");
        Assert.True(slow.GetProperty("timedOut").GetBoolean());
        Assert.Equal("started\n", slow.GetProperty("stdout").GetString());

        // The VM carries on, and the refused write left no partial file behind.
        Assert.Equal("still here\n", ResultOf(model, "after").GetProperty("stdout").GetString());
        Assert.False(vm.FileSystem.Exists("/workspace/big.txt"));
    }

    /// <summary>The result the invoking client sent back to the model for call <paramref name="callId"/>.</summary>
    private static JsonElement ResultOf(ScriptedChatClient model, string callId)
    {
        FunctionResultContent result = model.Turns.Last()
            .SelectMany(message => message.Contents)
            .OfType<FunctionResultContent>()
            .Single(content => content.CallId == callId);
        Assert.Null(result.Exception);
        return Assert.IsType<JsonElement>(result.Result);
    }

    private static Task<AgentOsVm> CreateVmAsync(ResourceLimits? limits = null) => AgentOsVm.CreateAsync(new AgentOsOptions
    {
        CacheDirectory = TestCache.Directory,
        Limits = new LimitsOptions { Resources = limits ?? new ResourceLimits() },
    });
}
