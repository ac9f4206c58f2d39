using TechTransfer.Portfolio;
using TechTransfer.Rewards;

namespace TechTransfer.Tests.Portfolio;

/// <summary>Patent numbers as registers write them: one normalized number per patent, its kind from its type digit, its check character checked.</summary>
public sealed class PatentNumberTests
{
    [Theory]
    [InlineData("ZL2020 1 0123456.2", "ZL202010123456.2")]
    [InlineData("CN202010123456.2", "ZL202010123456.2")]
    [InlineData("zl 202010123456.2", "ZL202010123456.2")]
    [InlineData("２０２０１０１２３４５６．２", "ZL202010123456.2")]
    [InlineData("ZL98123456.9", "ZL98123456.9")]
    public void Every_spelling_of_a_number_is_one_normalized_number(string written, string normalized)
    {
        Assert.Equal(normalized, PatentNumber.Normalize(written, out var problem, out _));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ZL2019101234", "not a Chinese patent number")]
    [InlineData("CN111234567A", "publication number")]
    public void A_number_that_is_none_says_why(string written, string why)
    {
        Assert.Null(PatentNumber.Normalize(written, out var problem, out _));
        Assert.Contains(why, problem);
    }

    [Fact]
    public void A_wrong_check_character_is_a_warning_with_the_right_one()
    {
        Assert.Equal("ZL202010123456.7", PatentNumber.Normalize("ZL202010123456.7", out var problem, out var warning));
        Assert.Null(problem);
        Assert.Contains("give 2", warning);
    }

    [Theory]
    [InlineData("ZL202010123456.2", PatentKind.Invention)]
    [InlineData("ZL202020123456.8", PatentKind.UtilityModel)]
    [InlineData("ZL202030123456.3", PatentKind.Design)]
    public void The_type_digit_names_the_kind(string number, PatentKind kind) => Assert.Equal(kind, PatentNumber.KindOf(number));
}
