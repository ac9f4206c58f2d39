// Temporary: compiles the runtime until the parser branch lands (deleted at that merge).
namespace Workflows.Engine.Parsing
{
    public sealed class BpmnParseOptions
    {
        public IReadOnlySet<string>? KnownHandlers { get; init; }
        public IReadOnlySet<string>? KnownTemplates { get; init; }
    }
    public static class BpmnParser
    {
        public static BpmnParseResult Parse(string xml, BpmnParseOptions? options = null) => throw new NotImplementedException();
    }
}
