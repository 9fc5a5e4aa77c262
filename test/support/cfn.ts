// Reading CloudFormation values in CDK template assertions.

/** A string, an Fn::Join, a Ref or an Fn::GetAtt as one string: Refs as `<Id>`, attributes as `<Id.Attr>`. */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v['Fn::Join']) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flat).join(sep);
  }
  if (v['Fn::GetAtt']) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  return `<${v.Ref as string}>`;
}
