using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>A mail written in the scenario; <c>${variables}</c> and <c>${run_link}</c> are filled in.</summary>
public sealed partial class SendMessageExecutor(MailSender sender, MailSettingsHandler settings) : IStepExecutor
{
    public string Type => StepTypes.SendMessage;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var message = (SendMessageStep)step;
        var link = (await settings.GetAsync(ct))?.PortalBaseUrl.TrimEnd('/') + $"/runs/{context.Run.Id}";
        string Fill(string text) => Reference().Replace(text, m => m.Groups[1].Value == "run_link" ? link
            : context.Variables.TryGetValue(m.Groups[1].Value, out var v) ? v.Value : m.Value);
        await sender.SendAsync(new MailMessageDraft(message.To, Fill(message.Subject), Fill(message.Body), null), ct);
        context.Log($"Mail '{Fill(message.Subject)}' sent to {string.Join(", ", message.To)}");
        context.Output("recipients", message.To.Count);
    }

    [GeneratedRegex(@"\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")]
    private static partial Regex Reference();
}
