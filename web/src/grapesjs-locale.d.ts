// GrapesJS ships its translations without type declarations.
declare module 'grapesjs/locale/fr' {
  const messages: Record<string, unknown>;
  export default messages;
}
