interface HeadersTableProps {
  headers: ReadonlyArray<readonly [string, string]>;
  caption: string;
}

/** HTTP headers as name and value rows, in the order they were sent or received. */
export function HeadersTable({ headers, caption }: HeadersTableProps) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;

  return (
    <table className="headers-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${index}-${name}`}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
