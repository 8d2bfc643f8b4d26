namespace AgentOs.Wasm.Tests.Net;

/// <summary>
/// The C test guests of tests/AgentOs.Wasm.Tests/Guests: committed wasm32-wasi binaries (NAME.wasm built from NAME.c
/// by Guests/build.sh), copied to the test output, so running the tests needs no C toolchain.
/// </summary>
internal static class CGuests
{
    /// <summary>The bytes of <c>Guests/<paramref name="name"/>.wasm</c>, compiled from <c>Guests/<paramref name="name"/>.c</c>.</summary>
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Guests", name + ".wasm"));
}
