namespace Microtask.Core;

/// <summary>A template's <c>{{image:photo}}</c>: the task sends the value of column <see cref="Column"/> as a <see cref="Kind"/>.</summary>
public sealed record MediaField(MediaKind Kind, string Column);
