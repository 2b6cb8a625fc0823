/** The outcome of an action: a success line, or the error the API gave. */
export function Notice({
  notice,
  error,
  testId,
}: {
  notice: string | null;
  error: string | null;
  testId: string;
}) {
  if (error)
    return (
      <div className="banner banner-error" role="alert" data-testid={`${testId}-error`}>
        {error}
      </div>
    );
  if (notice)
    return (
      <div className="banner banner-ok" role="status" data-testid={`${testId}-notice`}>
        {notice}
      </div>
    );
  return null;
}
