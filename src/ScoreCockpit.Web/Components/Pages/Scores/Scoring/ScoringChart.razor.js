// plotly.js is loaded once per page, through the very module and script element Plotly.Blazor uses, before any chart
// asks to be drawn. Charts that ask while it is still loading are queued by that module, and one queued chart that has
// left the page meanwhile makes it throw and drop every chart queued after it: those charts would never appear.
let loading;

const drawnEvent = 'scorecockpit-drawn';

export function plotlyReady() {
    loading ??= import(new URL('_content/Plotly.Blazor/plotly-interop-7.2.0.js', document.baseURI).href)
        .then(interop => interop.importScript('plotly-import', './_content/Plotly.Blazor/plotly-3.7.0.min.js'))
        .then(() => announceDrawings(window.Plotly))
        .catch(error => {
            loading = undefined;
            throw error;
        });
    return loading;
}

// Plotly.Blazor calls newPlot and react without keeping the promise they return, which resolves only once the chart
// is fully drawn. Both are wrapped once so that each finished drawing raises an event on its element, which bubbles
// up to the chart that holds it.
function announceDrawings(plotly) {
    for (const name of ['newPlot', 'react']) {
        const draw = plotly[name];
        if (draw.announcesDrawings) {
            continue;
        }
        const announcing = function (...args) {
            const drawing = draw.apply(this, args);
            Promise.resolve(drawing)
                .then(element => element?.dispatchEvent(new CustomEvent(drawnEvent, { bubbles: true })))
                .catch(() => { }); // Plotly reports its own failures; a failed drawing is simply never announced.
            return drawing;
        };
        announcing.announcesDrawings = true;
        plotly[name] = announcing;
    }
}

// The chart component hears of every drawing finished inside its box, with the id of the drawn element.
export function watch(box, chart) {
    box.addEventListener(drawnEvent, event => {
        chart.invokeMethodAsync('Drawn', event.target.id).catch(() => { }); // the chart left the page meanwhile
    });
}
