using System.Text;
using Microtask.Bot.Admins;
using Microtask.Bot.Money;
using Microtask.Bot.Requesters;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Webhooks;
using Microtask.Bot.Workers;
using Microtask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>The command table the features fill: buttons' data round-trips, garbage and roles are refused.</summary>
public class CommandTableTests
{
    private static readonly CommandTable Table = Build();

    private static CommandTable Build()
    {
        var services = new ServiceCollection();
        services.AddWorkers().AddRequesters().AddMoney().AddAdmins().AddWebhooks();
        return services.BuildServiceProvider().GetRequiredService<CommandTable>();
    }

    public static TheoryData<string> Every_kind_of_button() =>
    [
        new NextTaskButton().Data,
        new GiveConsent().Data,
        new SetLanguage("id").Data,
        new SubmitAnswer(long.MaxValue, 999).Data,
        new SkipTask(1).Data,
        new ReportTask(42).Data,
        new ReportTaskReason(42, 3).Data,
        new ExtendLease(long.MaxValue).Data,
        new ImportBatch(5).Data,
        new ChooseDraftKind((int)AnswerKind.Number).Data,
        new AcceptDraftRules().Data,
        new ActivateProject(long.MaxValue).Data,
        new PreviewButton().Data,
        new ApprovePayout(long.MaxValue).Data,
        new RejectPayout(7).Data,
        new DecideReview(ReviewAction.KeepBan, long.MaxValue).Data,
        new BroadcastButton(BroadcastStep.Stop, 9).Data,
        new BonusFileButton(BonusFileStep.Cancel, long.MaxValue).Data,
        new MuteProject(true, 12).Data,
        new MuteProject(false, long.MaxValue).Data,
        new RateProject(long.MaxValue, 3, 5).Data,
        new RateProject(12, 0, null).Data,
        new SkipRating(long.MaxValue).Data,
    ];

    [Theory]
    [MemberData(nameof(Every_kind_of_button))]
    public void A_button_formats_within_64_bytes_and_parses_back_to_the_same_command(string data)
    {
        Assert.InRange(Encoding.UTF8.GetByteCount(data), 1, Callback.MaxBytes);
        var routed = Table.Button(data, _ => true);

        Assert.IsAssignableFrom<IButton>(routed.Command);
        Assert.Equal(data, ((IButton)routed.Command).Data);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("a:1")]
    [InlineData("a:0:1")]
    [InlineData("a:-5:1")]
    [InlineData("a:12:1000")]
    [InlineData("a:1:2:3")]
    [InlineData("s:abc")]
    [InlineData("pya:0")]
    [InlineData("pyr:-3")]
    [InlineData("pya:1:2")]
    [InlineData("s:99999999999999999999")]
    [InlineData("l:fr")]
    [InlineData("n:extra")]
    [InlineData("pk:99")]
    [InlineData("q:99:1")]
    [InlineData("b:1")]
    [InlineData("bf:2:1")]
    [InlineData("bf:0")]
    [InlineData("mu:2:1")]
    [InlineData("mu:1:0")]
    public void Garbage_is_an_invalid_button(string? data) => Assert.IsType<InvalidButton>(Table.Button(data, _ => true).Command);

    [Fact]
    public void Data_over_64_bytes_is_an_invalid_button() =>
        Assert.IsType<InvalidButton>(Table.Button("s:" + new string('1', Callback.MaxBytes), _ => true).Command);

    [Fact]
    public void A_button_of_a_role_the_sender_lacks_is_unknown_to_them() =>
        Assert.IsType<UnknownCommand>(Table.Button(new ApprovePayout(3).Data, access => access != Access.Admin).Command);

    [Theory]
    [InlineData("/pause", null, typeof(PauseWork))]
    [InlineData("/pause", "7", typeof(PauseProject))]
    [InlineData("/limit", "5", typeof(SetLimit))]
    [InlineData("/start", "deep-link", typeof(StartWorker))]
    [InlineData("/task", "now", typeof(JunkArguments))]
    [InlineData("/resume", null, typeof(JunkArguments))]
    [InlineData("/nosuch", null, typeof(UnknownCommand))]
    public void A_typed_word_picks_the_command_that_takes_its_arguments(string trigger, string? argument, Type expected) =>
        Assert.IsType(expected, Table.Typed(trigger, argument, _ => true).Command);

    [Theory]
    [InlineData("/pause", "7", typeof(JunkArguments))]
    [InlineData("/newproject", null, typeof(UnknownCommand))]
    [InlineData("/ban", "100002", typeof(UnknownCommand))]
    public void A_worker_without_the_role_gets_no_command_of_that_role(string trigger, string? argument, Type expected) =>
        Assert.IsType(expected, Table.Typed(trigger, argument, access => access <= Access.Worker).Command);
}
