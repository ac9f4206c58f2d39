using System.Text;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

/// <summary>
/// Files that once crashed or exhausted the validator. Each is generated here and must end with a diagnostic, never an
/// exception (a stack overflow or out-of-memory would take the host down). Nothing is timed: bounded work shows in the
/// limits being hit before the costly part, and in the allocation checks.
/// </summary>
public sealed class HostileInputTests
{
    private const string Head = """<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">""";
    private const string Tail = "</bpmn:process></bpmn:definitions>";

    private static BpmnDiagnostic OnlyError(BpmnParseResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Gateway_conditions_of_megabytes_are_a_syntax_diagnostic_without_regex_timeouts()
    {
        var condition = "${" + string.Concat(Enumerable.Repeat("x == 1 or ", 240_000)) + "true}"; // 2.4 MB
        var xml = new StringBuilder(Head)
            .Append("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>""");
        for (var i = 0; i < 2; i++)
            xml.Append($"""<bpmn:sequenceFlow id="c{i}" sourceRef="g" targetRef="e"><bpmn:conditionExpression>{condition}</bpmn:conditionExpression></bpmn:sequenceFlow>""");
        var result = BpmnParser.Parse(xml.Append(Tail).ToString());

        var errors = result.Errors.ToList();
        Assert.Equal(["c0", "c1"], errors.Where(e => e.Code == "BPMN018").Select(e => e.ElementId));
        Assert.All(errors, e => Assert.True(e.Message.Length < 400, "the diagnostic quotes the text shortened"));
    }

    [Fact]
    public void Ten_thousand_nested_sub_processes_stop_at_the_depth_limit()
    {
        const int n = 10_000;
        var xml = Head + """<bpmn:startEvent id="s"/>""" + string.Concat(Enumerable.Range(0, n).Select(i => $"""<bpmn:subProcess id="sp{i}">""")) +
                  string.Concat(Enumerable.Repeat("</bpmn:subProcess>", n)) + Tail;
        Assert.Equal("BPMN033", OnlyError(BpmnParser.Parse(xml)).Code);
    }

    [Fact]
    public void Sub_processes_nested_past_their_own_limit_are_refused_at_the_deepest_one()
    {
        const int n = 6;
        var xml = Head + """<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sp0"/>""" +
                  string.Concat(Enumerable.Range(0, n).Select(i => $"""<bpmn:subProcess id="sp{i}"><bpmn:startEvent id="s{i}"/>""")) +
                  string.Concat(Enumerable.Repeat("</bpmn:subProcess>", n)) + Tail;
        var result = BpmnParser.Parse(xml, new BpmnParseOptions { MaxSubProcessDepth = 3 });
        var error = Assert.Single(result.Errors, e => e.Code == "BPMN033");
        Assert.Equal("sp3", error.ElementId);
    }

    [Fact]
    public void A_hundred_thousand_levels_of_plain_xml_stop_at_the_depth_limit()
    {
        const int n = 100_000;
        var xml = string.Concat(Enumerable.Repeat("<a>", n)) + string.Concat(Enumerable.Repeat("</a>", n));
        var error = OnlyError(BpmnParser.Parse(xml));
        Assert.Equal("BPMN033", error.Code);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void A_gateway_with_four_thousand_conditional_flows_is_checked_in_one_pass()
    {
        string Model(bool complementary)
        {
            var xml = new StringBuilder(Head)
                .Append("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>""");
            for (var i = 0; i < 4000; i++)
                xml.Append($"""<bpmn:sequenceFlow id="c{i}" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${"{"}x == {i}{"}"}</bpmn:conditionExpression></bpmn:sequenceFlow>""");
            if (complementary)
                xml.Append("""<bpmn:sequenceFlow id="last" sourceRef="g" targetRef="e"><bpmn:conditionExpression>${x != 0}</bpmn:conditionExpression></bpmn:sequenceFlow>""");
            return xml.Append(Tail).ToString();
        }
        Assert.Equal("BPMN012", OnlyError(BpmnParser.Parse(Model(complementary: false))).Code);
        Assert.True(BpmnParser.Parse(Model(complementary: true)).IsValid);
    }

    [Fact]
    public async Task A_stream_of_more_than_a_gigabyte_is_refused_after_reading_no_more_than_the_limit()
    {
        var endless = new EndlessStream(1_200L * 1024 * 1024);
        var result = await BpmnParser.ParseAsync(endless);
        Assert.Equal("BPMN028", OnlyError(result).Code);
        Assert.True(endless.BytesRead <= new BpmnParseOptions().MaxBytes + 1, $"read {endless.BytesRead} bytes");
    }

    [Fact]
    public void A_chain_of_25000_tasks_stops_at_the_element_limit()
    {
        Assert.Equal("BPMN034", OnlyError(BpmnParser.Parse(Chain(25_000))).Code);
    }

    [Fact]
    public void A_chain_of_25000_tasks_under_a_raised_limit_is_read_in_bounded_memory()
    {
        var xml = Chain(25_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = BpmnParser.Parse(xml, new BpmnParseOptions { MaxElements = 200_000 });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(3)));
        Assert.Equal(25_002, result.Model!.Processes[0].Nodes.Count);
        // Linear: a few kilobytes per task (the issue measured over 6 GB before).
        Assert.True(allocated < 400L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB");
    }

    [Fact]
    public void An_expression_longer_than_the_configured_limit_is_a_diagnostic()
    {
        var xml = Head + """<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"><bpmn:conditionExpression>${x == "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>""" + Tail;
        var error = OnlyError(BpmnParser.Parse(xml, new BpmnParseOptions { MaxExpressionLength = 40 }));
        Assert.Equal(("BPMN018", "f"), (error.Code, error.ElementId));
        Assert.Contains("longer than 40", error.Message);
        Assert.True(BpmnParser.Parse(xml).IsValid);
    }

    [Fact]
    public void Deeply_nested_operators_in_an_expression_are_a_diagnostic_not_a_stack_overflow()
    {
        var xml = Head + $"""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"><bpmn:conditionExpression>${"{"}{new string('!', 3000)}x{"}"}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>""" + Tail;
        Assert.Equal("BPMN018", OnlyError(BpmnParser.Parse(xml)).Code);
    }

    private static string Chain(int tasks)
    {
        var xml = new StringBuilder(Head).Append("""<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t0"/>""");
        for (var i = 0; i < tasks; i++)
            xml.Append($"""<bpmn:task id="t{i}"/><bpmn:sequenceFlow id="f{i}" sourceRef="t{i}" targetRef="t{i + 1}"/>""");
        return xml.Append($"""<bpmn:endEvent id="t{tasks}"/>""").Append(Tail).ToString();
    }

    /// <summary>A stream as long as a huge upload, made of '&lt;a&gt;' repeated, that counts what is read from it (no file is written).</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        private static readonly byte[] Pattern = "<a>"u8.ToArray();
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            for (var i = 0; i < n; i++) buffer[offset + i] = Pattern[(BytesRead + i) % Pattern.Length];
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
