// plotly.js is loaded once per page, through the very module and script element Plotly.Blazor uses, before any chart
// asks to be drawn. Charts that ask while it is still loading are queued by that module, and one queued chart that has
// left the page meanwhile makes it throw and drop every chart queued after it: those charts would never appear.
let loading;

export function plotlyReady() {
    loading ??= import(new URL('_content/Plotly.Blazor/plotly-interop-7.2.0.js', document.baseURI).href)
        .then(interop => interop.importScript('plotly-import', './_content/Plotly.Blazor/plotly-3.7.0.min.js'))
        .catch(error => {
            loading = undefined;
            throw error;
        });
    return loading;
}
