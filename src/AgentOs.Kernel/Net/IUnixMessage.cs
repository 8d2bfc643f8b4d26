using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Net;

/// <summary>A message a <see cref="MessageQueue{T}"/> holds: its bytes and the descriptions it carries.</summary>
internal interface IUnixMessage
{
    /// <summary>The message's bytes; their length is what it holds of the buffered-byte budget.</summary>
    byte[] Data { get; }

    /// <summary>Descriptions passed with SCM_RIGHTS, each holding one reference until received or dropped.</summary>
    FileDescription[]? Rights { get; }
}
