// The executor and CLI land with the executor and CLI issues; until then the CLI says so plainly.
Console.Error.WriteLine("agentos: the guest executor is not implemented yet (kernel only).");
return 64;
