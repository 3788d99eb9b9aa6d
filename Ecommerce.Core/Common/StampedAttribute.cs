namespace Ecommerce.Core.Common;

/// <summary>
/// A time the context fills from the platform's clock (<see cref="TimeProvider"/>) when the row is inserted, unless
/// the code that made the entity set it: entities carry no clock of their own (see Data/TimeStamps).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StampedAttribute : Attribute;
