using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Web.Components.Pages.Variables;
using Xunit;

namespace ScoreCockpit.Web.Tests.Variables;

public sealed class VariableFormTests : BunitContext
{
    public VariableFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
    }

    [Fact]
    public void Saving_sends_the_typed_variable_and_clears_the_form()
    {
        SetGlobalVariable? sent = null;
        var form = Render<VariableForm>(p => p.Add(f => f.Save, request =>
        {
            sent = request;
            return Task.FromResult<string?>(null);
        }));

        form.Find("#variable-name").Change(" as_of ");
        form.Find("#variable-value").Change("2026-01-31");
        form.Find("#save-variable").Click();

        Assert.Equal(new SetGlobalVariable("as_of", VariableType.Date, "2026-01-31"), sent);
        Assert.True(string.IsNullOrEmpty(form.Find("#variable-value").GetAttribute("value")));
        Assert.Empty(form.FindAll("#variable-error"));
    }

    [Fact]
    public void A_refusal_is_shown_and_what_was_typed_is_kept()
    {
        const string refusal = "The variable as_of = '31/01/2026' is not a valid date (write it yyyy-MM-dd, e.g. 2026-01-31).";
        var form = Render<VariableForm>(p => p.Add(f => f.Save, _ => Task.FromResult<string?>(refusal)));

        form.Find("#variable-name").Change("as_of");
        form.Find("#variable-value").Change("31/01/2026");
        form.Find("#save-variable").Click();

        Assert.Equal(refusal, form.Find("#variable-error").TextContent.Trim());
        Assert.Equal("31/01/2026", form.Find("#variable-value").GetAttribute("value"));
    }

    [Fact]
    public async Task Editing_fills_the_form_locks_the_name_and_hints_at_the_type()
    {
        var form = Render<VariableForm>(p => p.Add(f => f.Save, _ => Task.FromResult<string?>(null)));
        Assert.Contains(VariableHints.For(VariableType.Date), form.Markup, StringComparison.Ordinal);

        await form.InvokeAsync(() => form.Instance.Edit(
            new VariableRecord { Name = "cut_off", Type = VariableType.Decimal, Value = "0.25", UpdatedBy = "ana" }));

        Assert.True(form.Find("#variable-name").HasAttribute("disabled"));
        Assert.Equal("0.25", form.Find("#variable-value").GetAttribute("value"));
        Assert.Contains(VariableHints.For(VariableType.Decimal), form.Markup, StringComparison.Ordinal);
        Assert.Contains("${cut_off}", form.Markup, StringComparison.Ordinal);
        Assert.Equal("Save", form.Find("#save-variable").TextContent.Trim());

        form.Find("#cancel-variable").Click();
        Assert.False(form.Find("#variable-name").HasAttribute("disabled"));
        Assert.Equal("Add", form.Find("#save-variable").TextContent.Trim());
    }

    [Fact]
    public void Every_built_in_variable_is_listed_with_what_it_holds()
    {
        var panel = Render<BuiltInVariablesPanel>();

        var rows = panel.FindAll("tbody tr");
        Assert.Equal(BuiltInVariables.Names.Count, rows.Count);
        foreach (var name in BuiltInVariables.Names)
        {
            Assert.Contains("${" + name + "}", panel.Markup, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(VariableHints.BuiltIns, b => b.Holds.StartsWith("Set by the engine", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_type_has_a_hint()
    {
        foreach (var type in Enum.GetValues<VariableType>())
        {
            Assert.False(string.IsNullOrWhiteSpace(VariableHints.For(type)), $"{type} has no hint");
        }
    }
}
