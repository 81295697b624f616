/** Stylesheets imported by the back office are bundled as text (client-sdk/build.mjs: loader "text"). */
declare module "*.css" {
  const text: string;
  export default text;
}
