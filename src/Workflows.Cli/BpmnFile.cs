using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Workflows.Engine.Parsing;

namespace Workflows.Cli;

/// <summary>
/// Reads a BPMN file for the command line without ever hanging or filling memory: a FIFO, socket or device is refused at
/// once (it is opened without blocking and checked before a byte is read), a regular file larger than the parse limit
/// is refused from its length, and everything else is read through the parser's length-limited stream.
/// </summary>
public static class BpmnFile
{
    /// <summary>Parses the file, or returns null with the reason it cannot be read.</summary>
    public static async Task<(BpmnParseResult? Result, string? Problem)> ParseAsync(string path, BpmnParseOptions options)
    {
        if (Directory.Exists(path)) return (null, "it is a directory");
        if (!File.Exists(path)) return (null, "no such file");
        try
        {
            await using var stream = Open(path);
            if (!stream.CanSeek) return (null, "it is not a regular file (a pipe, socket or device); save the model to a file first");
            if (stream.Length > options.MaxBytes)
                return (null, $"it is {stream.Length / (1024 * 1024.0):0.#} MB, larger than the {options.MaxBytes / (1024 * 1024.0):0.#} MB a model may have");
            return (await BpmnParser.ParseAsync(stream, options), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The file's text under the same rules (for commands that hand the text on), or the reason it cannot be read.</summary>
    public static async Task<(string? Text, string? Problem)> ReadTextAsync(string path, int maxBytes)
    {
        if (Directory.Exists(path)) return (null, "it is a directory");
        if (!File.Exists(path)) return (null, "no such file");
        try
        {
            await using var stream = Open(path);
            if (!stream.CanSeek) return (null, "it is not a regular file (a pipe, socket or device); save the model to a file first");
            if (stream.Length > maxBytes)
                return (null, $"it is {stream.Length / (1024 * 1024.0):0.#} MB, larger than the {maxBytes / (1024 * 1024.0):0.#} MB a model may have");
            using var reader = new StreamReader(stream);
            return (await reader.ReadToEndAsync(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    private static FileStream Open(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        // open(2) with O_NONBLOCK returns at once even for a FIFO without a writer; .NET's own open would block there.
        var flags = OperatingSystem.IsLinux() ? LinuxReadOnlyNonBlocking : MacReadOnlyNonBlocking;
        var fd = NativeMethods.open(path, flags);
        if (fd < 0)
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1); // gives the proper error
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1);
    }

    private const int LinuxReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC
    private const int MacReadOnlyNonBlocking = 0x4 | 0x1000000;   // O_RDONLY | O_NONBLOCK | O_CLOEXEC

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA2101 // one call, UTF-8 path: the source-generated form needs unsafe code for no gain
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore SYSLIB1054, CA2101
    }
}
