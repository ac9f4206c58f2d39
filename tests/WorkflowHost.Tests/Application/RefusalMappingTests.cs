using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using TechTransfer;
using Workflows.Engine.Contracts;
using WorkflowHost.Api;
using WorkflowHost.Application;
using WorkflowHost.Components;
using WorkflowHost.Localization;

namespace WorkflowHost.Tests.Application;

/// <summary>
/// One refusal type, mapped once to problem details (<see cref="RefusalProblems"/>) and once to page text
/// (<see cref="RefusalText"/>), whether the use case, the domain or the engine refused. The page-side copy this replaces
/// (<c>ActionProblem</c>) had already lost 413 and 415, and four pages showed the server's English message as it was.
/// </summary>
public sealed class RefusalMappingTests
{
    [Theory]
    [InlineData(RefusalKind.NotFound, false, 404)]
    [InlineData(RefusalKind.Forbidden, false, 403)]
    [InlineData(RefusalKind.Conflict, false, 409)]
    [InlineData(RefusalKind.Rule, true, 400)]
    [InlineData(RefusalKind.Rule, false, 422)]
    [InlineData(RefusalKind.TooLarge, true, 413)]
    [InlineData(RefusalKind.WrongType, false, 415)]
    public void Each_kind_is_answered_with_its_status(RefusalKind kind, bool namesFields, int status) =>
        Assert.Equal(status, RefusalProblems.StatusOf(kind, namesFields));

    [Fact]
    public void The_domains_file_refusals_are_too_large_and_wrong_type_on_pages_too()
    {
        Assert.Equal(RefusalKind.TooLarge, Refusal.From(TechTransferException.Rule("file-too-large", "A file may have at most 10 bytes.", "file"))!.Kind);
        Assert.Equal(RefusalKind.WrongType, Refusal.From(TechTransferException.Rule("file-type", "Not accepted.", "file"))!.Kind);
        Assert.Equal(RefusalKind.WrongType, Refusal.From(TechTransferException.Rule("file-type-mismatch", "Not what it says.", "file"))!.Kind);
        var tooLarge = Refusal.From(TechTransferException.Rule("file-too-large", "A file may have at most 10 bytes.", "file"))!;
        Assert.Equal(413, RefusalProblems.StatusOf(tooLarge));
        Assert.Contains("文件超过大小上限", InChinese(() => tooLarge.Text()));
    }

    [Fact]
    public void The_engines_refusals_are_read_as_refusals_and_anything_else_is_not()
    {
        Assert.Equal(RefusalKind.Conflict, Refusal.From(new ConcurrencyConflictException("Task t was completed meanwhile."))!.Kind);
        Assert.Equal(RefusalKind.NotFound, Refusal.From(new NotFoundException("Task", Guid.Empty))!.Kind);
        Assert.Equal(RefusalKind.Forbidden, Refusal.From(new ForbiddenException("Not yours."))!.Kind);
        Assert.Equal("该记录已被他人修改，请刷新后重试。", InChinese(() => Refusal.From(new ConcurrencyConflictException("Task t was completed meanwhile."))!.Text()));
        Assert.Null(Refusal.From(new InvalidOperationException("a fault, not a refusal")));
    }

    [Fact]
    public void A_use_cases_field_refusal_names_the_field_by_its_label_in_the_readers_language()
    {
        var refusal = Refusal.Invalid("reason", "Say why the work goes back.");
        Assert.Equal("reason", refusal.Field);
        Assert.Equal(400, RefusalProblems.StatusOf(refusal));
        Assert.Equal("请检查“理由”：该项为必填项或填写有误。", InChinese(() => refusal.Text()));
        Assert.Equal("Check “Reason”: Say why the work goes back.", InEnglish(() => refusal.Text()));
    }

    [Fact]
    public void A_pages_own_wording_comes_first_then_the_shared_sentence_then_the_message()
    {
        var committee = PageTexts<CommitteeText>();
        var voted = Refusal.Conflict("already-voted", "You have already voted on this review.");
        Assert.Equal("您已就本事项表决。", InChinese(() => voted.Text(committee))); // the committee room's wording
        Assert.Equal("您已对本次审议表决。", InChinese(() => voted.Text())); // the office's shared sentence (as the API says it)
        var unknown = Refusal.Conflict("no-such-code", "The server's own words.");
        Assert.Equal("The server's own words.", InChinese(() => unknown.Text(committee)));
        // The page's "Check {field}" with its own label for the field.
        Assert.Equal("Check “Reason for your vote”: Give the reason for your vote.",
            InEnglish(() => Refusal.Invalid("reason", "Give the reason for your vote.").Text(committee)));
    }

    [Fact]
    public void A_missing_required_field_is_named_in_chinese_not_with_another_steps_sentence()
    {
        // The shared sentence for "required" once asked every caller to describe a conflict of interest.
        var refusal = Refusal.From(TechTransferException.Rule("required", "The title is required.", "title"))!;
        Assert.Equal("请填写“发明名称”。", InChinese(() => refusal.Text()));
        Assert.Equal("请填写“发明名称”。", InChinese(() => ProblemMessages.Describe("required", "The title is required.", ["title"])));
    }

    private static IStringLocalizer PageTexts<T>() =>
        new ResourceManagerStringLocalizerFactory(Microsoft.Extensions.Options.Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(T));

    private static string InChinese(Func<string> text) => In("zh-CN", text);

    private static string InEnglish(Func<string> text) => In("en-US", text);

    private static string In(string culture, Func<string> text)
    {
        var (ui, format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return text();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, format);
        }
    }
}
