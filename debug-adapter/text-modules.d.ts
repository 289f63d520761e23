// esbuild bundles these files as text (loader: text).
declare module '*.py' {
  const text: string;
  export default text;
}
