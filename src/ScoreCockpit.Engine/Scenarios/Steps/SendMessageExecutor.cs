using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>A mail written in the scenario; <c>${variables}</c> and <c>${run_link}</c> are filled in.</summary>
public sealed class SendMessageExecutor(MailSender sender, MailSettingsHandler settings) : IStepExecutor
{
    public string Type => StepTypes.SendMessage;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var message = (SendMessageStep)step;
        var link = (await settings.GetAsync(ct))?.PortalBaseUrl.TrimEnd('/') + $"/runs/{context.Run.Id}";
        string Fill(string text) => SqlTemplate.Fill(text, name => name == "run_link" ? link : context.VariableText(name));
        await sender.SendAsync(new MailMessageDraft(message.To, Fill(message.Subject), Fill(message.Body), null), ct);
        context.Log($"Mail '{Fill(message.Subject)}' sent to {string.Join(", ", message.To)}");
        context.Output("recipients", message.To.Count);
    }
}
