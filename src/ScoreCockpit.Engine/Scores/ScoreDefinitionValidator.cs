using System.Net.Mail;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Checks a definition before it is stored; every problem is named, all at once.</summary>
public static partial class ScoreDefinitionValidator
{
    public static ScoreDefinition Validate(ScoreDefinition definition, IReadOnlyCollection<string> globalVariableNames)
    {
        var problems = new List<string>();
        var name = Check(problems, () => ScoreName.Validate(definition.Name)) ?? definition.Name;

        if (string.IsNullOrWhiteSpace(definition.DataprepSql))
        {
            problems.Add("The dataprep SQL is empty: write the SELECT that returns one row per customer for ${date_ref}.");
        }

        Check(problems, () => Identifiers.Validate(definition.KeyColumn, "key column"));
        Check(problems, () => Identifiers.Validate(definition.TargetColumn, "target column"));
        Check(problems, () => Identifiers.Validate(definition.ReferenceDateColumn, "reference-date column"));
        if (!string.IsNullOrWhiteSpace(definition.OutputTable))
        {
            Check(problems, () => Identifiers.Validate(definition.OutputTable, "output table"));
        }

        if (definition.HorizonDays is { } days)
        {
            if (days is < 1 or > 1100)
            {
                problems.Add($"The label horizon in days must be between 1 and 1100, not {days}; leave it empty to count in months.");
            }
        }
        else if (definition.HorizonMonths is < 0 or > 36)
        {
            problems.Add($"The label horizon must be between 0 and 36 months (0: the end of the same month), not {definition.HorizonMonths}.");
        }

        if (definition.TrainingWindow is < 1 or > 120)
        {
            problems.Add($"The training window must hold 1 to 120 snapshots, not {definition.TrainingWindow} (default {Registry.LabelCalendar.DefaultWindow}).");
        }

        problems.AddRange(definition.ReferenceDates.Problems());
        if (!string.IsNullOrWhiteSpace(definition.ReferenceDates.Table))
        {
            Check(problems, () => Identifiers.Validate(definition.ReferenceDates.Table, "reference-date table"));
        }

        var cutoffs = definition.LiftCutoffs;
        if (cutoffs.Count == 0 || cutoffs.Any(c => c <= 0 || c > 100) || cutoffs.Distinct().Count() != cutoffs.Count)
        {
            problems.Add("Lift cut-offs must be distinct percentages above 0 and at most 100, for example 1, 5, 10, 20.");
        }

        problems.AddRange(definition.Reduction.Problems());
        problems.AddRange(definition.ThinDates.Problems());

        foreach (var pattern in definition.FeatureInclude.Concat(definition.FeatureExclude))
        {
            if (!FeaturePattern().IsMatch(pattern))
            {
                problems.Add($"The feature rule '{pattern}' is not a column name pattern: use letters, digits, underscores, * and ?.");
            }
        }

        foreach (var email in definition.Owners.Concat(definition.AlertRecipients))
        {
            if (!MailAddress.TryCreate(email, out _))
            {
                problems.Add($"'{email}' is not an email address.");
            }
        }

        var mailCulture = string.IsNullOrWhiteSpace(definition.MailCulture) ? null : definition.MailCulture.Trim();
        if (mailCulture is not null)
        {
            Check(problems, () => SupportedCultures.Find(mailCulture, "The mail language (mailCulture)"));
        }

        foreach (var variable in definition.Variables)
        {
            Check(problems, () => VariableNames.Validate(variable.Name));
            Check(problems, () => variable.ToVariable().Parse());
            if (BuiltInVariables.Names.Contains(variable.Name?.Trim()))
            {
                // Accepted here, it would make every snapshot of the score fail (BuiltInVariables.Resolve refuses it).
                problems.Add($"The variable {variable.Name?.Trim()} is set by the engine for each reference date and cannot be defined.");
            }
        }

        problems.AddRange(ModelSettingsValidation.Problems(definition));

        var defined = globalVariableNames.Concat(definition.Variables.Select(v => v.Name)).Concat(BuiltInVariables.Names)
            .ToHashSet(StringComparer.Ordinal);
        var undefined = SqlTemplate.Names(definition.DataprepSql ?? "").Where(n => !defined.Contains(n)).ToList();
        if (undefined.Count > 0)
        {
            problems.Add(
                $"The dataprep uses {string.Join(", ", undefined.Select(n => "${" + n + "}"))}, not defined anywhere. " +
                $"Define it as a score or global variable, or use a built-in one ({string.Join(", ", BuiltInVariables.Names)}).");
        }

        return problems.Count == 0
            ? definition with { Name = name, Description = definition.Description.Trim(), MailCulture = mailCulture }
            : throw new CockpitValidationException(string.Join("\n", problems));
    }

    private static T? Check<T>(List<string> problems, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (CockpitValidationException e)
        {
            problems.Add(e.Message);
            return default;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_*?]+$")]
    private static partial Regex FeaturePattern();
}
