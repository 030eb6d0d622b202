"use strict";
// polgraph's HTML explorer: draws the graph that the page embeds as JSON (the element with id
// polgraph-data, written by exporters/html_exporter.cpp, whose header describes the format) on a
// 2D canvas, with search, a details panel and filters. Plain JavaScript, no dependencies,
// nothing fetched.
(function () {
    const data = JSON.parse(document.getElementById("polgraph-data").textContent);
    const nodes = data.nodes;
    const edges = data.edges;
    const articles = data.articles;
    const N = nodes.id.length;
    const E = edges.source.length;
    const A = articles.date.length;

    const $ = (id) => document.getElementById(id);
    const canvas = $("graph");
    const ctx = canvas.getContext("2d");

    // ---- The graph, indexed once -------------------------------------------------------------

    const articleType = data.types.indexOf("article");
    const isArticle = (i) => nodes.type[i] === articleType;
    const idIndex = new Map();
    for (let i = 0; i < N; i++) idIndex.set(nodes.id[i], i);

    // Adjacency in compressed rows: the edges at node i are adjEdge[adjStart[i] .. adjStart[i+1]).
    const degree = new Uint32Array(N);
    for (let e = 0; e < E; e++) {
        degree[edges.source[e]]++;
        degree[edges.target[e]]++;
    }
    const adjStart = new Uint32Array(N + 1);
    for (let i = 0; i < N; i++) adjStart[i + 1] = adjStart[i] + degree[i];
    const adjEdge = new Uint32Array(2 * E);
    {
        const fill = adjStart.slice(0, N);
        for (let e = 0; e < E; e++) {
            adjEdge[fill[edges.source[e]]++] = e;
            adjEdge[fill[edges.target[e]]++] = e;
        }
    }
    const otherEnd = (e, i) => (edges.source[e] === i ? edges.target[e] : edges.source[e]);

    // Node of the view that stands for an article of the table (bipartite and articles views).
    const nodeOfArticle = new Int32Array(A).fill(-1);
    for (let i = 0; i < N; i++) if (isArticle(i) && nodes.refs[i].length) nodeOfArticle[nodes.refs[i][0]] = i;

    // ---- Positions ---------------------------------------------------------------------------

    const px = new Float64Array(N);
    const py = new Float64Array(N);
    if (nodes.x && nodes.x.length === N) {
        for (let i = 0; i < N; i++) {
            px[i] = nodes.x[i];
            py[i] = nodes.y[i];
        }
    } else {
        // No layout in the file: Vogel's sunflower spiral, the most connected nodes in the middle
        // (deterministic; a layout engine fills `x`/`y` when it has run).
        const rank = Array.from({ length: N }, (_, i) => i);
        rank.sort((a, b) => degree[b] - degree[a] || nodes.articles[b] - nodes.articles[a] || a - b);
        rank.forEach((i, k) => {
            const r = Math.sqrt(k + 0.5);
            const theta = k * 2.399963229728653;
            px[i] = r * Math.cos(theta);
            py[i] = r * Math.sin(theta);
        });
    }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < N; i++) {
        minX = Math.min(minX, px[i]);
        maxX = Math.max(maxX, px[i]);
        minY = Math.min(minY, py[i]);
        maxY = Math.max(maxY, py[i]);
    }
    if (N === 0) minX = minY = maxX = maxY = 0;

    // A uniform grid over the positions (which never move), for hit-testing: about two nodes a cell.
    const grid = (() => {
        const side = Math.max(1, Math.ceil(Math.sqrt(N / 2)));
        const w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
        const cell = Math.max(w, h) / side;
        const cols = Math.max(1, Math.ceil(w / cell)), rows = Math.max(1, Math.ceil(h / cell));
        const cellOf = (x, y) => {
            const cx = Math.min(cols - 1, Math.floor((x - minX) / cell));
            const cy = Math.min(rows - 1, Math.floor((y - minY) / cell));
            return cy * cols + cx;
        };
        const start = new Uint32Array(cols * rows + 1);
        for (let i = 0; i < N; i++) start[cellOf(px[i], py[i]) + 1]++;
        for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
        const items = new Uint32Array(N);
        const fill = start.slice(0, cols * rows);
        for (let i = 0; i < N; i++) items[fill[cellOf(px[i], py[i])]++] = i;
        // Calls f(i) for every node in the cells that a circle of radius r around (x, y) touches.
        const near = (x, y, r, f) => {
            const x0 = Math.max(0, Math.floor((x - r - minX) / cell));
            const x1 = Math.min(cols - 1, Math.floor((x + r - minX) / cell));
            const y0 = Math.max(0, Math.floor((y - r - minY) / cell));
            const y1 = Math.min(rows - 1, Math.floor((y + r - minY) / cell));
            for (let cy = y0; cy <= y1; cy++)
                for (let cx = x0; cx <= x1; cx++) {
                    const c = cy * cols + cx;
                    for (let k = start[c]; k < start[c + 1]; k++) f(items[k]);
                }
        };
        return { near };
    })();

    // ---- Sizes -------------------------------------------------------------------------------

    // Radius in CSS pixels at the zoom that fits the graph (an article's mentions are those of
    // the entities in it).
    const baseRadius = new Float32Array(N);
    let maxRadius = 0;
    let drawOrder = new Uint32Array(N); // small nodes first, so that large ones stay on top
    function computeSizes(by) {
        const value = new Float64Array(N);
        let max = 0;
        for (let i = 0; i < N; i++) {
            value[i] = Math.max(0, by === "articles" ? nodes.articles[i] : nodes.mentions[i]);
            max = Math.max(max, value[i]);
        }
        maxRadius = 0;
        for (let i = 0; i < N; i++) {
            baseRadius[i] = 2.5 + 11.5 * (max > 0 ? Math.sqrt(value[i] / max) : 0);
            maxRadius = Math.max(maxRadius, baseRadius[i]);
        }
        const order = Array.from({ length: N }, (_, i) => i);
        order.sort((a, b) => baseRadius[a] - baseRadius[b] || a - b);
        drawOrder = Uint32Array.from(order);
    }

    // ---- Edge styles: a few weight classes, each drawn as one path ---------------------------

    const WEIGHT_CLASSES = 4;
    let minWeight = Infinity, maxWeight = 0;
    for (let e = 0; e < E; e++) {
        minWeight = Math.min(minWeight, edges.weight[e]);
        maxWeight = Math.max(maxWeight, edges.weight[e]);
    }
    if (E === 0) minWeight = maxWeight = 0;
    const edgeClass = [];
    for (let c = 0; c < WEIGHT_CLASSES; c++) edgeClass.push([]);
    for (let e = 0; e < E; e++) {
        const t = maxWeight > 0 ? Math.sqrt(Math.max(0, edges.weight[e]) / maxWeight) : 0;
        edgeClass[Math.min(WEIGHT_CLASSES - 1, Math.floor(t * WEIGHT_CLASSES))].push(e);
    }
    const classAlpha = [0.1, 0.18, 0.3, 0.45];
    const classWidth = [0.6, 1.0, 1.6, 2.4];

    // ---- View state --------------------------------------------------------------------------

    const state = {
        typeOn: data.types.map(() => true),
        minEdgeWeight: minWeight,
        dateFrom: "",
        dateTo: "",
        selected: -1,
        hovered: -1,
    };
    const visible = new Uint8Array(N).fill(1); // passes the type and date filters
    const highlight = new Uint8Array(N); // the selected node and its neighbours
    const camera = { x: 0, y: 0, scale: 1, fit: 1 };
    let width = 0, height = 0;

    // Article dates are sorted (the exporter orders the table by date), so a date range is a
    // range of table indices [lo, hi), and a node's sorted refs answer it by binary search.
    const firstDated = (() => {
        let k = 0;
        while (k < A && !articles.date[k]) k++;
        return k;
    })();
    const minDate = firstDated < A ? articles.date[firstDated] : "";
    const maxDate = A ? articles.date[A - 1] : "";
    function dateRange() {
        const from = state.dateFrom || minDate, to = state.dateTo || maxDate;
        if (from <= minDate && to >= maxDate) return null; // no filter: undated articles stay
        let lo = 0, hi = A;
        while (lo < A && !(articles.date[lo] && articles.date[lo] >= from)) lo++;
        while (hi > lo && articles.date[hi - 1] > to) hi--;
        return [lo, hi];
    }
    function anyRefIn(refs, lo, hi) {
        let a = 0, b = refs.length;
        while (a < b) {
            const m = (a + b) >> 1;
            if (refs[m] < lo) a = m + 1;
            else b = m;
        }
        return a < refs.length && refs[a] < hi;
    }
    function applyFilters() {
        const range = dateRange();
        for (let i = 0; i < N; i++) {
            const dated = !range || anyRefIn(nodes.refs[i], range[0], range[1]);
            visible[i] = state.typeOn[nodes.type[i]] && dated ? 1 : 0;
        }
        updateHighlight();
        requestDraw();
    }
    const edgeShown = (e) =>
        visible[edges.source[e]] && visible[edges.target[e]] && edges.weight[e] >= state.minEdgeWeight;
    // The selected node is drawn even when the filters hide it, with its edges to shown nodes.
    const nodeShown = (i) => visible[i] || i === state.selected;
    const linkShown = (e, i) => visible[otherEnd(e, i)] && edges.weight[e] >= state.minEdgeWeight;

    function updateHighlight() {
        highlight.fill(0);
        const s = state.selected;
        if (s < 0) return;
        highlight[s] = 1;
        for (let k = adjStart[s]; k < adjStart[s + 1]; k++)
            if (linkShown(adjEdge[k], s)) highlight[otherEnd(adjEdge[k], s)] = 1;
    }

    // ---- Camera ------------------------------------------------------------------------------

    const toScreenX = (x) => (x - camera.x) * camera.scale + width / 2;
    const toScreenY = (y) => (y - camera.y) * camera.scale + height / 2;
    const zoomFactor = () => Math.min(3, Math.max(0.6, Math.sqrt(camera.scale / camera.fit)));
    const radiusOf = (i) => baseRadius[i] * zoomFactor();

    function fit() {
        const pad = 24 + maxRadius;
        const w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
        const s = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
        camera.scale = camera.fit = Number.isFinite(s) && s > 0 ? Math.min(s, 1e6) : 1;
        camera.x = (minX + maxX) / 2;
        camera.y = (minY + maxY) / 2;
        requestDraw();
    }
    function zoomAt(sx, sy, factor) {
        const scale = Math.min(camera.fit * 400, Math.max(camera.fit / 8, camera.scale * factor));
        // Keep the world point under (sx, sy) where it is.
        const wx = (sx - width / 2) / camera.scale + camera.x;
        const wy = (sy - height / 2) / camera.scale + camera.y;
        camera.scale = scale;
        camera.x = wx - (sx - width / 2) / scale;
        camera.y = wy - (sy - height / 2) / scale;
        moved();
    }
    function panBy(dx, dy) {
        camera.x -= dx / camera.scale;
        camera.y -= dy / camera.scale;
        moved();
    }
    function centreOn(i) {
        camera.scale = Math.max(camera.scale, camera.fit * 2);
        camera.x = px[i];
        camera.y = py[i];
        requestDraw();
    }

    // ---- Drawing ------------------------------------------------------------------------------

    // Two layers. The scene (edges, nodes, labels) is rendered into an offscreen canvas when what
    // it shows changes (filters, selection, sizes, window) and once the view has stopped moving
    // for 150 ms; every frame copies it to the screen, moved and scaled to the camera, and draws
    // the hovered node over it. Panning, zooming and hovering thus cost one image copy however
    // large the graph: without a GPU, rasterising 50,000 edges takes tens of milliseconds.
    const scene = document.createElement("canvas");
    const sctx = scene.getContext("2d");
    let sceneCamera = null; // the camera the scene was rendered for; null: render it again
    let framePending = false;
    let firstDrawDone = false;
    let moving = false;
    let movingTimer = 0;

    function requestFrame() {
        if (framePending) return;
        framePending = true;
        requestAnimationFrame(frame);
    }
    // What the scene shows has changed.
    function requestDraw() {
        sceneCamera = null;
        requestFrame();
    }
    function moved() {
        moving = true;
        clearTimeout(movingTimer);
        movingTimer = setTimeout(() => {
            moving = false;
            requestFrame();
        }, 150);
        requestFrame();
    }

    function frame() {
        framePending = false;
        const c = sceneCamera;
        const current = c && c.x === camera.x && c.y === camera.y && c.scale === camera.scale &&
            c.width === width && c.height === height;
        if (!c || (!moving && !current)) renderScene();
        const dpr = window.devicePixelRatio || 1;
        // The scene as the camera now sees it (see renderScene for the mapping).
        const k = camera.scale / sceneCamera.scale;
        const tx = (width / 2) * (1 - k) + (sceneCamera.x - camera.x) * camera.scale;
        const ty = (height / 2) * (1 - k) + (sceneCamera.y - camera.y) * camera.scale;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.setTransform(k, 0, 0, k, tx * dpr, ty * dpr);
        ctx.drawImage(scene, 0, 0);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        const h = state.hovered;
        if (h >= 0 && nodeShown(h)) {
            ctx.beginPath();
            ctx.arc(toScreenX(px[h]), toScreenY(py[h]), radiusOf(h) + 2, 0, 2 * Math.PI);
            ctx.strokeStyle = "#111";
            ctx.lineWidth = 1.5;
            ctx.stroke();
            drawLabel(ctx, h, true);
        }
        if (!firstDrawDone) {
            firstDrawDone = true;
            performance.mark("polgraph-first-draw");
        }
    }

    // Renders the scene for the current camera: world (x, y) is drawn at
    // ((x - camera.x) * scale + width / 2, (y - camera.y) * scale + height / 2) CSS pixels.
    function renderScene() {
        const dpr = window.devicePixelRatio || 1;
        if (scene.width !== canvas.width || scene.height !== canvas.height) {
            scene.width = canvas.width;
            scene.height = canvas.height;
        }
        const g = sctx;
        g.setTransform(dpr, 0, 0, dpr, 0, 0);
        g.clearRect(0, 0, width, height);
        const selecting = state.selected >= 0;

        // Edges, one path per weight class; the selection's edges again on top.
        let edgeCount = 0;
        g.lineCap = "round";
        for (let c = 0; c < WEIGHT_CLASSES; c++) {
            g.beginPath();
            for (const e of edgeClass[c]) {
                if (!edgeShown(e)) continue;
                edgeCount++;
                const x1 = toScreenX(px[edges.source[e]]), y1 = toScreenY(py[edges.source[e]]);
                const x2 = toScreenX(px[edges.target[e]]), y2 = toScreenY(py[edges.target[e]]);
                if ((x1 < 0 && x2 < 0) || (y1 < 0 && y2 < 0) ||
                    (x1 > width && x2 > width) || (y1 > height && y2 > height))
                    continue;
                g.moveTo(x1, y1);
                g.lineTo(x2, y2);
            }
            g.strokeStyle = `rgba(70, 70, 80, ${classAlpha[c] * (selecting ? 0.3 : 1)})`;
            g.lineWidth = classWidth[c];
            g.stroke();
        }
        if (selecting) {
            const s = state.selected;
            g.beginPath();
            for (let k = adjStart[s]; k < adjStart[s + 1]; k++) {
                const e = adjEdge[k];
                if (!linkShown(e, s)) continue;
                g.moveTo(toScreenX(px[edges.source[e]]), toScreenY(py[edges.source[e]]));
                g.lineTo(toScreenX(px[edges.target[e]]), toScreenY(py[edges.target[e]]));
            }
            g.strokeStyle = "rgba(20, 20, 30, 0.75)";
            g.lineWidth = 1.4;
            g.stroke();
        }

        // Nodes in size order, consecutive nodes of one colour in one path. With a selection, the
        // nodes outside its neighbourhood are faded in a first pass.
        let nodeCount = 0;
        for (let i = 0; i < N; i++) if (nodeShown(i)) nodeCount++;
        const zf = zoomFactor();
        const margin = 40;
        for (const pass of selecting ? [0, 1] : [1]) {
            g.globalAlpha = selecting && pass === 0 ? 0.25 : 1;
            let colour = -1;
            for (const i of drawOrder) {
                if (!nodeShown(i) || (selecting && highlight[i] !== pass)) continue;
                const x = toScreenX(px[i]), y = toScreenY(py[i]);
                if (x < -margin || y < -margin || x > width + margin || y > height + margin) continue;
                if (nodes.type[i] !== colour) {
                    if (colour >= 0) fillNodes(g, colour);
                    colour = nodes.type[i];
                    g.beginPath();
                }
                const r = baseRadius[i] * zf;
                g.moveTo(x + r, y);
                g.arc(x, y, r, 0, 2 * Math.PI);
            }
            if (colour >= 0) fillNodes(g, colour);
        }
        g.globalAlpha = 1;
        if (selecting) {
            const s = state.selected;
            g.beginPath();
            g.arc(toScreenX(px[s]), toScreenY(py[s]), radiusOf(s) + 3, 0, 2 * Math.PI);
            g.strokeStyle = "#111";
            g.lineWidth = 2;
            g.stroke();
        }
        drawLabels(g);
        sceneCamera = { x: camera.x, y: camera.y, scale: camera.scale, width, height };

        document.body.dataset.polgraphNodes = String(nodeCount);
        document.body.dataset.polgraphEdges = String(edgeCount);
        $("status").textContent = `${number(nodeCount)} nodes, ${number(edgeCount)} edges shown`;
    }

    function fillNodes(g, type) {
        g.fillStyle = data.colors[type];
        g.fill();
        g.strokeStyle = "rgba(40, 40, 40, 0.45)";
        g.lineWidth = 0.7;
        g.stroke();
    }

    const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    // Draws node i's label right of it, unless `placed` (boxes already taken) says it would
    // overlap another; returns whether it did.
    function drawLabel(g, i, bold, placed) {
        const x = toScreenX(px[i]), y = toScreenY(py[i]);
        if (x < 0 || y < 0 || x > width || y > height) return false;
        let text = nodes.label[i] || nodes.id[i];
        if (text.length > 48) text = text.slice(0, 47) + "…";
        g.font = (bold ? "600 " : "") + FONT;
        const box = { x: x + radiusOf(i) + 3, y: y - 8, w: g.measureText(text).width + 2, h: 16 };
        if (placed) {
            const hit = (p) =>
                box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h;
            if (placed.some(hit)) return false;
            placed.push(box);
        }
        g.textBaseline = "middle";
        g.lineJoin = "round";
        g.strokeStyle = "rgba(255, 255, 255, 0.9)";
        g.lineWidth = 3;
        g.strokeText(text, box.x, y);
        g.fillStyle = "#111";
        g.fillText(text, box.x, y);
        return true;
    }

    // Labels: the selected node, its largest neighbours, or else the largest nodes on screen,
    // each unless it would overlap one already placed.
    function drawLabels(g) {
        const placed = [];
        const budget = Math.max(12, Math.round((width * height) / 16000));
        if (state.selected >= 0) {
            const s = state.selected;
            drawLabel(g, s, true, placed);
        }
        for (let k = N - 1; k >= 0 && placed.length < budget; k--) {
            const i = drawOrder[k];
            if (i !== state.selected && nodeShown(i) && (state.selected < 0 || highlight[i]))
                drawLabel(g, i, false, placed);
        }
    }

    // Node under a screen point (CSS pixels): the one whose centre is nearest relative to its
    // radius, among those drawn there; -1 for none.
    function nodeAt(sx, sy) {
        const zf = zoomFactor();
        const wx = (sx - width / 2) / camera.scale + camera.x;
        const wy = (sy - height / 2) / camera.scale + camera.y;
        let best = -1, bestScore = Infinity;
        grid.near(wx, wy, (maxRadius * zf + 3) / camera.scale, (i) => {
            if (!nodeShown(i)) return;
            const r = baseRadius[i] * zf + 3;
            const d = Math.hypot(toScreenX(px[i]) - sx, toScreenY(py[i]) - sy);
            if (d > r) return;
            const score = d / r;
            if (score < bestScore || (score === bestScore && baseRadius[i] > baseRadius[best])) {
                best = i;
                bestScore = score;
            }
        });
        return best;
    }

    function resize() {
        const rect = canvas.getBoundingClientRect();
        const dpr = window.devicePixelRatio || 1;
        const first = width === 0;
        width = rect.width;
        height = rect.height;
        canvas.width = Math.max(1, Math.round(width * dpr));
        canvas.height = Math.max(1, Math.round(height * dpr));
        if (first) fit();
        requestDraw();
    }

    // ---- Pointer, wheel and keyboard ---------------------------------------------------------

    const pointers = new Map(); // pointerId -> last position
    let gesture = null; // {moved, x, y} for one pointer; {dist, mx, my} for a pinch
    const local = (ev) => {
        const r = canvas.getBoundingClientRect();
        return { x: ev.clientX - r.left, y: ev.clientY - r.top };
    };
    function pinchOf() {
        const [a, b] = [...pointers.values()];
        const dist = Math.hypot(a.x - b.x, a.y - b.y);
        return { dist, mx: (a.x + b.x) / 2, my: (a.y + b.y) / 2, moved: true };
    }
    canvas.addEventListener("pointerdown", (ev) => {
        canvas.setPointerCapture(ev.pointerId);
        pointers.set(ev.pointerId, local(ev));
        if (pointers.size === 1) gesture = { moved: false, ...local(ev) };
        else if (pointers.size === 2) gesture = pinchOf();
    });
    canvas.addEventListener("pointermove", (ev) => {
        const p = local(ev);
        if (!pointers.has(ev.pointerId)) {
            const over = nodeAt(p.x, p.y);
            if (over !== state.hovered) {
                state.hovered = over;
                canvas.classList.toggle("over-node", over >= 0);
                requestFrame();
            }
            return;
        }
        const last = pointers.get(ev.pointerId);
        pointers.set(ev.pointerId, p);
        if (pointers.size === 1 && gesture) {
            if (!gesture.moved && Math.hypot(p.x - gesture.x, p.y - gesture.y) > 4) {
                gesture.moved = true;
                canvas.classList.add("dragging");
            }
            if (gesture.moved) panBy(p.x - last.x, p.y - last.y);
        } else if (pointers.size === 2 && gesture) {
            const now = pinchOf();
            if (gesture.dist > 0) zoomAt(now.mx, now.my, now.dist / gesture.dist);
            panBy(now.mx - gesture.mx, now.my - gesture.my);
            gesture = now;
        }
    });
    function pointerEnd(ev) {
        if (!pointers.has(ev.pointerId)) return;
        const p = local(ev);
        pointers.delete(ev.pointerId);
        canvas.classList.remove("dragging");
        if (pointers.size === 0) {
            if (gesture && !gesture.moved && ev.type === "pointerup") {
                const i = nodeAt(p.x, p.y);
                if (i >= 0) select(i, { centre: false });
                else select(-1);
            }
            gesture = null;
        } else if (pointers.size === 1) {
            gesture = { moved: true, ...[...pointers.values()][0] };
        }
    }
    canvas.addEventListener("pointerup", pointerEnd);
    canvas.addEventListener("pointercancel", pointerEnd);
    canvas.addEventListener("pointerleave", () => {
        if (state.hovered >= 0 && pointers.size === 0) {
            state.hovered = -1;
            requestFrame();
        }
    });
    canvas.addEventListener(
        "wheel",
        (ev) => {
            ev.preventDefault();
            const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? height : 1;
            // A trackpad pinch arrives as a wheel event with ctrlKey, in small steps.
            const k = ev.ctrlKey ? 0.01 : 0.0015;
            const p = local(ev);
            zoomAt(p.x, p.y, Math.exp(-ev.deltaY * unit * k));
        },
        { passive: false }
    );
    // Safari's trackpad pinch.
    let gestureScale = 1;
    canvas.addEventListener("gesturestart", (ev) => {
        ev.preventDefault();
        gestureScale = 1;
    });
    canvas.addEventListener("gesturechange", (ev) => {
        ev.preventDefault();
        const p = local(ev);
        zoomAt(p.x, p.y, ev.scale / gestureScale);
        gestureScale = ev.scale;
    });
    canvas.addEventListener("keydown", (ev) => {
        const step = 60;
        const keys = {
            "+": () => zoomAt(width / 2, height / 2, 1.25),
            "=": () => zoomAt(width / 2, height / 2, 1.25),
            "-": () => zoomAt(width / 2, height / 2, 0.8),
            0: fit,
            ArrowLeft: () => panBy(step, 0),
            ArrowRight: () => panBy(-step, 0),
            ArrowUp: () => panBy(0, step),
            ArrowDown: () => panBy(0, -step),
            Escape: () => select(-1),
        };
        if (keys[ev.key]) {
            ev.preventDefault();
            keys[ev.key]();
        }
    });
    $("zoom-in").addEventListener("click", () => zoomAt(width / 2, height / 2, 1.5));
    $("zoom-out").addEventListener("click", () => zoomAt(width / 2, height / 2, 1 / 1.5));
    $("zoom-fit").addEventListener("click", fit);

    // ---- Selection and the details panel -----------------------------------------------------

    function select(i, opts = {}) {
        state.selected = i;
        updateHighlight();
        if (i < 0) {
            $("panel").hidden = true;
            if (location.hash) history.replaceState(null, "", location.pathname + location.search);
        } else {
            if (opts.centre) centreOn(i);
            showPanel(i);
            history.replaceState(null, "", "#node=" + encodeURIComponent(nodes.id[i]));
            if (opts.focus !== false) $("panel-title").focus({ preventScroll: true });
        }
        requestDraw();
    }

    function el(tag, props = {}, ...children) {
        const e = document.createElement(tag);
        Object.assign(e, props);
        for (const c of children) e.append(c);
        return e;
    }
    const swatch = (type) => {
        const s = el("span", { className: "swatch" });
        s.style.background = data.colors[type];
        return s;
    };
    // Only web links become links: a url from the data never runs script (javascript:) here.
    function webUrl(u) {
        try {
            const url = new URL(u);
            return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
        } catch (_) {
            return "";
        }
    }
    const number = (x) => x.toLocaleString("en", { maximumFractionDigits: 3 });

    function showPanel(i) {
        $("panel").hidden = false;
        $("panel-title").textContent = nodes.label[i] || nodes.id[i];
        const typeLine = $("panel-type");
        typeLine.replaceChildren(swatch(nodes.type[i]), ` ${data.types[nodes.type[i]]} · ${nodes.id[i]}`);

        const dl = $("panel-attrs");
        dl.replaceChildren();
        const row = (k, v) => {
            if (v === "" || v === undefined || v === null) return;
            dl.append(el("dt", { textContent: k }), el("dd", { textContent: String(v) }));
        };
        if (isArticle(i)) {
            const a = nodes.refs[i][0];
            row("date", articles.date[a]);
            const url = webUrl(articles.url[a]);
            if (url) dl.append(el("dt", { textContent: "link" }), el("dd", {}, link(url, articles.url[a])));
        } else {
            row("first date", nodes.date[i]);
            row("mentions", number(nodes.mentions[i]));
            row("articles", number(nodes.articles[i]));
        }
        row("also", nodes.aliases[i].join(", "));
        for (const [k, v] of Object.entries(nodes.attrs[i])) row(k, Array.isArray(v) ? v.join(", ") : v);
        row("in this view", degree[i] === 1 ? "1 edge" : `${number(degree[i])} edges`);

        showArticles(i, 30);
        showNeighbours(i);
    }

    function link(href, text) {
        return el("a", { href, target: "_blank", rel: "noopener noreferrer", textContent: text });
    }

    function showArticles(i, limit) {
        const section = $("panel-articles-section");
        const refs = isArticle(i) ? [] : nodes.refs[i];
        section.hidden = refs.length === 0;
        if (!refs.length) return;
        const range = dateRange();
        const shown = refs.filter((a) => !range || (a >= range[0] && a < range[1])).reverse(); // newest first
        $("panel-articles-title").textContent = shown.length === refs.length
            ? `Articles (${refs.length})`
            : `Articles (${shown.length} of ${refs.length} in the dates)`;
        const list = $("panel-articles");
        list.replaceChildren();
        for (const a of shown.slice(0, limit)) {
            const title = articles.title[a] || "(untitled)";
            const url = webUrl(articles.url[a]);
            const date = el("span", { className: "date", textContent: articles.date[a] || "undated" });
            const li = el("li", {}, date, url ? link(url, title) : title);
            const source = articles.source[a];
            if (source) li.append(el("span", { className: "source", textContent: " · " + source }));
            const n = nodeOfArticle[a];
            if (n >= 0) {
                const b = el("button", { type: "button", className: "show", textContent: "show" });
                b.setAttribute("aria-label", "Show this article in the graph");
                b.addEventListener("click", () => select(n, { centre: true }));
                li.append(b);
            }
            list.append(li);
        }
        const more = $("panel-articles-more");
        more.hidden = shown.length <= limit;
        more.textContent = `Show all ${shown.length}`;
        more.onclick = () => showArticles(i, Infinity);
    }

    // The neighbours in the view with the heaviest edges (article neighbours of an entity are in
    // the article list already), with the kinds of edge to them when the view has several.
    const kindOf = (e) => data.kinds[edges.kind ? edges.kind[e] : 0];
    function showNeighbours(i) {
        const best = new Map(); // neighbour -> {weight, kinds}
        for (let k = adjStart[i]; k < adjStart[i + 1]; k++) {
            const e = adjEdge[k];
            const j = otherEnd(e, i);
            if (j === i || !linkShown(e, i) || (isArticle(j) && !isArticle(i))) continue;
            const b = best.get(j) || { weight: 0, kinds: new Set() };
            b.weight = Math.max(b.weight, edges.weight[e]);
            b.kinds.add(kindOf(e));
            best.set(j, b);
        }
        const top = [...best.entries()]
            .sort((a, b) => b[1].weight - a[1].weight || baseRadius[b[0]] - baseRadius[a[0]] || a[0] - b[0])
            .slice(0, 15);
        $("panel-neighbours-section").hidden = top.length === 0;
        const list = $("panel-neighbours");
        list.replaceChildren();
        for (const [j, { weight, kinds }] of top) {
            const b = el("button", { type: "button", textContent: nodes.label[j] || nodes.id[j] });
            b.addEventListener("click", () => select(j, { centre: true }));
            const about = number(weight) + (data.kinds.length > 1 ? " · " + [...kinds].join(", ") : "");
            const note = el("span", { className: "weight", textContent: about });
            list.append(el("li", {}, swatch(nodes.type[j]), " ", b, note));
        }
    }

    $("panel-close").addEventListener("click", () => {
        select(-1);
        canvas.focus();
    });
    $("panel").addEventListener("keydown", (ev) => {
        if (ev.key === "Escape") {
            select(-1);
            canvas.focus();
        }
    });

    // ---- Search ------------------------------------------------------------------------------

    // Case and accents are ignored: "zurich" finds "Zürich".
    const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    let searchKeys = null; // per node: [folded label, folded aliases..., folded id]
    function matches(query) {
        const q = fold(query.trim());
        if (!q) return [];
        if (!searchKeys)
            searchKeys = nodes.id.map((id, i) => [
                fold(nodes.label[i]), ...nodes.aliases[i].map(fold), fold(id)]);
        const found = [];
        for (let i = 0; i < N; i++) {
            const keys = searchKeys[i];
            let best = Infinity, via = -1;
            for (let k = 0; k < keys.length; k++) {
                const at = keys[k].indexOf(q);
                if (at < 0) continue;
                // Whole name, then start of the name, start of a word, anywhere; the label
                // before an alias before the id.
                let score = keys[k] === q ? 0 : at === 0 ? 1 : /[\p{L}\p{N}]/u.test(keys[k][at - 1]) ? 3 : 2;
                score += k === 0 ? 0 : k === keys.length - 1 ? 0.6 : 0.3;
                if (score < best) {
                    best = score;
                    via = k;
                }
            }
            if (via >= 0) found.push({ i, score: best, via });
        }
        found.sort((a, b) => a.score - b.score || nodes.articles[b.i] - nodes.articles[a.i] ||
            (nodes.label[a.i] < nodes.label[b.i] ? -1 : nodes.label[a.i] > nodes.label[b.i] ? 1 : a.i - b.i));
        return found.slice(0, 12);
    }

    const search = $("search");
    const results = $("search-results");
    let options = [];
    let active = -1;
    function setActive(k) {
        active = k;
        [...results.children].forEach((li, n) => li.setAttribute("aria-selected", String(n === k)));
        if (k >= 0) {
            search.setAttribute("aria-activedescendant", results.children[k].id);
            results.children[k].scrollIntoView({ block: "nearest" });
        } else search.removeAttribute("aria-activedescendant");
    }
    function closeResults() {
        results.hidden = true;
        search.setAttribute("aria-expanded", "false");
        search.removeAttribute("aria-activedescendant");
        active = -1;
    }
    function choose(k) {
        const i = options[k].i;
        search.value = nodes.label[i] || nodes.id[i];
        closeResults();
        select(i, { centre: true });
    }
    search.addEventListener("input", () => {
        options = matches(search.value);
        results.replaceChildren();
        options.forEach((m, k) => {
            const i = m.i;
            const name = el("span", { textContent: nodes.label[i] || nodes.id[i] });
            const li = el("li", { id: "search-option-" + k }, swatch(nodes.type[i]), name);
            li.setAttribute("role", "option");
            if (m.via > 0) {
                const all = [nodes.label[i], ...nodes.aliases[i], nodes.id[i]];
                li.append(el("span", { className: "alias", textContent: "(" + all[m.via] + ")" }));
            }
            li.append(el("span", { className: "type", textContent: data.types[nodes.type[i]] }));
            // mousedown, not click: choosing must happen before the input loses focus.
            li.addEventListener("mousedown", (ev) => {
                ev.preventDefault();
                choose(k);
            });
            results.append(li);
        });
        results.hidden = options.length === 0;
        search.setAttribute("aria-expanded", options.length ? "true" : "false");
        setActive(options.length ? 0 : -1);
    });
    search.addEventListener("keydown", (ev) => {
        if (ev.key === "ArrowDown" && options.length) setActive((active + 1) % options.length);
        else if (ev.key === "ArrowUp" && options.length)
            setActive((active - 1 + options.length) % options.length);
        else if (ev.key === "Enter" && active >= 0 && !results.hidden) choose(active);
        else if (ev.key === "Escape") closeResults();
        else return;
        ev.preventDefault();
    });
    search.addEventListener("blur", closeResults);

    // ---- Filters -----------------------------------------------------------------------------

    function setupFilters() {
        const counts = data.types.map(() => 0);
        for (let i = 0; i < N; i++) counts[nodes.type[i]]++;
        const list = $("type-list");
        data.types.forEach((t, k) => {
            const box = el("input", { type: "checkbox", checked: true, value: t });
            box.addEventListener("change", () => {
                state.typeOn[k] = box.checked;
                applyFilters();
            });
            const count = el("span", { className: "count", textContent: number(counts[k]) });
            list.append(el("label", {}, box, swatch(k), el("span", { textContent: t }), count));
        });

        for (const radio of document.querySelectorAll('input[name="size-by"]'))
            radio.addEventListener("change", () => {
                computeSizes(radio.value);
                requestDraw();
            });

        const weight = $("min-weight");
        const integral = edges.weight.every(Number.isInteger);
        weight.min = String(minWeight);
        weight.max = String(maxWeight);
        weight.step = integral ? "1" : String((maxWeight - minWeight) / 100 || 1);
        weight.value = String(minWeight);
        const showWeight = () => ($("min-weight-value").textContent = number(Number(weight.value)));
        showWeight();
        weight.addEventListener("input", () => {
            state.minEdgeWeight = Number(weight.value);
            showWeight();
            updateHighlight();
            requestDraw();
        });
        $("weight-field").hidden = E === 0 || minWeight === maxWeight;

        const from = $("date-from"), to = $("date-to");
        $("dates").hidden = !minDate;
        for (const input of [from, to]) {
            input.min = minDate;
            input.max = maxDate;
        }
        from.value = minDate;
        to.value = maxDate;
        const onDate = () => {
            state.dateFrom = from.value;
            state.dateTo = to.value;
            applyFilters();
            if (state.selected >= 0) showPanel(state.selected);
        };
        from.addEventListener("change", onDate);
        to.addEventListener("change", onDate);

        $("reset").addEventListener("click", () => {
            for (const box of list.querySelectorAll("input")) box.checked = true;
            state.typeOn.fill(true);
            weight.value = String(minWeight);
            state.minEdgeWeight = minWeight;
            showWeight();
            from.value = minDate;
            to.value = maxDate;
            state.dateFrom = state.dateTo = "";
            applyFilters();
        });
    }

    // ---- Start -------------------------------------------------------------------------------

    function fromHash() {
        const m = /^#node=(.*)$/.exec(location.hash);
        if (!m) return;
        let id;
        try {
            id = decodeURIComponent(m[1]);
        } catch (_) {
            return;
        }
        const i = idIndex.get(id);
        if (i !== undefined && i !== state.selected) select(i, { centre: true, focus: false });
    }

    $("summary").textContent =
        `${number(N)} nodes, ${number(E)} edges` + (data.filters ? ` · ${data.filters}` : "");
    // (A reload may restore the form's last choices: the sizes follow the radio that is checked.)
    computeSizes(document.querySelector('input[name="size-by"]:checked').value);
    setupFilters();
    new ResizeObserver(resize).observe(canvas);
    resize();
    fromHash();
    window.addEventListener("hashchange", fromHash);

    // For scripts driving the page (the browser tests): where a node is drawn, in viewport pixels.
    window.polgraphViewer = Object.freeze({
        screenPosition(id) {
            const i = idIndex.get(id);
            if (i === undefined) return null;
            const r = canvas.getBoundingClientRect();
            return { x: r.left + toScreenX(px[i]), y: r.top + toScreenY(py[i]) };
        },
    });
})();
