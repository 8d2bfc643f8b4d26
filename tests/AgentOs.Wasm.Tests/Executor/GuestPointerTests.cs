namespace AgentOs.Wasm.Tests.Executor;

/// <summary>Hostile pointers: every out-of-range guest address is EFAULT (21), with nothing written or read.</summary>
public sealed class GuestPointerTests
{
    // Calls fd_write with the iovec array (or the result pointer) outside memory and exits with the errno.
    private static string WriteWith(string iovs, string count, string resultPtr) => $$"""
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "leak\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 5))
            (i32.store (i32.const 32) (i32.const 65530))
            (i32.store (i32.const 36) (i32.const 100))
            (call $exit (call $fd_write (i32.const 1) (i32.const {{iovs}}) (i32.const {{count}}) (i32.const {{resultPtr}})))))
        """;

    [Theory]
    [InlineData("70000", "1", "8")] // iovec array past the end of memory
    [InlineData("-8", "1", "8")] // negative address = 4 GiB - 8
    [InlineData("32", "1", "8")] // buffer [65530, 65630) crosses the end
    [InlineData("0", "1", "65534")] // result pointer straddles the end
    [InlineData("0", "536870912", "8")] // absurd iovec count
    public async Task OutOfRangePointersGiveEfaultAndWriteNothing(string iovs, string count, string result)
    {
        using var vm = new ExecutorHarness();
        vm.Install("/bin/bad", WriteWith(iovs, count, result));

        var (status, stdout, _) = await vm.RunAsync("bad");

        Assert.Equal(count == "536870912" ? 28 : 21, status.Code); // EINVAL for a count over 1024, else EFAULT
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task AValidCallFromTheSameGuestWrites()
    {
        using var vm = new ExecutorHarness();
        vm.Install("/bin/good", WriteWith("0", "1", "8"));

        var (status, stdout, _) = await vm.RunAsync("good");

        Assert.Equal(0, status.Code);
        Assert.Equal("leak\n", stdout);
    }
}
