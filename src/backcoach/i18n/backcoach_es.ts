<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>{0} min left</source>
        <translation>quedan {0} min</translation>
    </message>
    <message>
        <source>{0} min {1} s left</source>
        <translation>quedan {0} min {1} s</translation>
    </message>
    <message>
        <source>{0} seconds left</source>
        <translation>quedan {0} segundos</translation>
    </message>
    <message>
        <source>{0}: at your own pace, press Enter when done</source>
        <translation>{0}: a tu ritmo; pulsa Intro al terminar</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrumpida</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Dolor</translation>
    </message>
    <message>
        <source>Tired</source>
        <translation>Cansancio</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
    <message>
        <source>Pain after the session was higher than before in {0} of the last {1} sessions ({2}).</source>
        <translation>El dolor después de la sesión fue mayor que antes en {0} de las últimas {1} sesiones ({2}).</translation>
    </message>
    <message>
        <source>Average pain before sessions went from {0:.1f} to {1:.1f} over the last two weeks.</source>
        <translation>El dolor medio antes de las sesiones pasó de {0:.1f} a {1:.1f} en las dos últimas semanas.</translation>
    </message>
    <message>
        <source>{0} sessions were stopped because of pain in the last {1} days.</source>
        <translation>{0} sesiones se detuvieron por dolor en los últimos {1} días.</translation>
    </message>
    <message>
        <source>Not an emergency, but worth discussing with the patient.</source>
        <translation>No es una urgencia, pero conviene comentarlo con el paciente.</translation>
    </message>
    <message>
        <source>This is not an emergency, but it is worth telling your care team (your doctor or physical therapist), with these numbers.</source>
        <translation>No es una urgencia, pero conviene comentarlo con tu equipo sanitario (tu médico o fisioterapeuta), con estos datos.</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>sin objetivo</translation>
    </message>
    <message>
        <source>{0} a day</source>
        <translation>{0} al día</translation>
    </message>
    <message>
        <source>{0} a week</source>
        <translation>{0} a la semana</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Fecha y hora</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutina</translation>
    </message>
    <message>
        <source>Pain before</source>
        <translation>Dolor antes</translation>
    </message>
    <message>
        <source>Pain after</source>
        <translation>Dolor después</translation>
    </message>
    <message>
        <source>7-day average before</source>
        <translation>Media de 7 días antes</translation>
    </message>
    <message>
        <source>7-day average after</source>
        <translation>Media de 7 días después</translation>
    </message>
    <message>
        <source>Posture break</source>
        <translation>Pausa postural</translation>
    </message>
    <message>
        <source>{0} (has errors)</source>
        <translation>{0} (tiene errores)</translation>
    </message>
    <message>
        <source>Exercise library {0} (has errors)</source>
        <translation>Biblioteca de ejercicios {0} (tiene errores)</translation>
    </message>
    <message>
        <source>{0} (can&apos;t be used)</source>
        <translation>{0} (no se puede usar)</translation>
    </message>
    <message>
        <source>…and {0} more</source>
        <translation>…y {0} más</translation>
    </message>
    <message>
        <source>This file has {0} error(s). Fix them and save: this list follows the file.</source>
        <translation>Este archivo tiene {0} error(es). Corrígelos y guarda: esta lista sigue al archivo.</translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation>Carpeta: {0}</translation>
    </message>
    <message>
        <source>No pain ratings in this period.</source>
        <translation>No hay valoraciones de dolor en este periodo.</translation>
    </message>
    <message>
        <source>Pain before (dots) and its 7-day average</source>
        <translation>Dolor antes (puntos) y su media de 7 días</translation>
    </message>
    <message>
        <source>Pain after (dots) and its 7-day average</source>
        <translation>Dolor después (puntos) y su media de 7 días</translation>
    </message>
    <message>
        <source>Period: {0} to {1} · Generated {2}</source>
        <translation>Periodo: del {0} al {1} · Generado el {2}</translation>
    </message>
    <message>
        <source>{0} sessions: {1} completed, {2} stopped early, {3} interrupted.</source>
        <translation>{0} sesiones: {1} completadas, {2} detenidas antes de tiempo, {3} interrumpidas.</translation>
    </message>
    <message>
        <source>{0} previews (sped-up run-throughs) are left out.</source>
        <translation>Se excluyen {0} vistas previas (pruebas aceleradas).</translation>
    </message>
    <message>
        <source>Average pain before sessions {0:.1f}, after {1:.1f} (0–10).</source>
        <translation>Dolor medio antes de las sesiones {0:.1f}, después {1:.1f} (0–10).</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Previstas</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>Detenidas antes</translation>
    </message>
    <message>
        <source>Days: {0} done, {1} partial, {2} missed. Done: the sessions each daily routine asks for; partial: fewer, or only stopped ones; missed: none.</source>
        <translation>Días: {0} cumplidos, {1} parciales, {2} sin sesión. Cumplido: las sesiones que pide cada rutina diaria; parcial: menos, o solo sesiones detenidas; sin sesión: ninguna.</translation>
    </message>
    <message>
        <source>Sessions rated</source>
        <translation>Sesiones valoradas</translation>
    </message>
    <message>
        <source>Average change</source>
        <translation>Cambio medio</translation>
    </message>
    <message>
        <source>Meaningful relief</source>
        <translation>Alivio apreciable</translation>
    </message>
    <message>
        <source>{0} of {1} ({2:.0%})</source>
        <translation>{0} de {1} ({2:.0%})</translation>
    </message>
    <message>
        <source>Change = pain after − pain before. Meaningful relief: a drop of 2 points or 30% or more.</source>
        <translation>Cambio = dolor después − dolor antes. Alivio apreciable: una bajada de 2 puntos o del 30 % o más.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Flare days ({0}): {1}</source>
        <translation>Días de brote ({0}): {1}</translation>
    </message>
    <message>
        <source>“{0}”: yes on {1} day(s): {2}</source>
        <translation>«{0}»: sí en {1} día(s): {2}</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>(and {0} earlier)</source>
        <translation>(y {0} anteriores)</translation>
    </message>
    <message>
        <source>{0} of {1} breaks taken over {2} days ({3:.1f} a day on average).</source>
        <translation>{0} de {1} pausas hechas en {2} días ({3:.1f} al día de media).</translation>
    </message>
    <message>
        <source>From the patient&apos;s own backcoach records, generated {0}. Not a diagnosis: discuss it with the patient.</source>
        <translation>Según los registros de backcoach del propio paciente, generado el {0}. No es un diagnóstico: coméntelo con el paciente.</translation>
    </message>
    <message>
        <source>About {0} minutes</source>
        <translation>Unos {0} minutos</translation>
    </message>
    <message>
        <source>, plus reps at your own pace</source>
        <translation>, más repeticiones a tu ritmo</translation>
    </message>
    <message>
        <source>Stage {0} of {1}: {2}</source>
        <translation>Etapa {0} de {1}: {2}</translation>
    </message>
    <message>
        <source>What you need:</source>
        <translation>Qué necesitas:</translation>
    </message>
    <message>
        <source>If yes, get medical help now:</source>
        <translation>Si la respuesta es sí, busca ayuda médica ahora:</translation>
    </message>
    <message>
        <source>If yes, do not exercise today:</source>
        <translation>Si la respuesta es sí, no hagas ejercicio hoy:</translation>
    </message>
    <message>
        <source>If yes, do the flare-day version (below).</source>
        <translation>Si la respuesta es sí, haz la versión para días de brote (abajo).</translation>
    </message>
    <message>
        <source>If yes:</source>
        <translation>Si la respuesta es sí:</translation>
    </message>
    <message>
        <source>Ask yourself these questions every time, before you start.</source>
        <translation>Hazte estas preguntas cada vez, antes de empezar.</translation>
    </message>
    <message>
        <source>Before you start</source>
        <translation>Antes de empezar</translation>
    </message>
    <message>
        <source>Careful:</source>
        <translation>Cuidado:</translation>
    </message>
    <message>
        <source>Ask first / take care:</source>
        <translation>Consulta antes / precaución:</translation>
    </message>
    <message>
        <source>Demonstration:</source>
        <translation>Demostración:</translation>
    </message>
    <message>
        <source>The exercises</source>
        <translation>Los ejercicios</translation>
    </message>
    <message>
        <source>Holds, timed exercises and repetitions are shortened to {0}% (repetitions rounded up).</source>
        <translation>Las posiciones mantenidas, los ejercicios con tiempo y las repeticiones se reducen al {0}% (repeticiones redondeadas hacia arriba).</translation>
    </message>
    <message>
        <source>Leave out: {0}.</source>
        <translation>Omite: {0}.</translation>
    </message>
    <message>
        <source>It takes about {0} minutes instead of {1}.</source>
        <translation>Dura unos {0} minutos en lugar de {1}.</translation>
    </message>
    <message>
        <source>On a flare day</source>
        <translation>En un día de brote</translation>
    </message>
    <message>
        <source>As above.</source>
        <translation>Como arriba.</translation>
    </message>
    <message>
        <source>After {0} completed sessions of the stage before:</source>
        <translation>Tras {0} sesiones completas de la etapa anterior:</translation>
    </message>
    <message>
        <source>As you get stronger, the doses change. The app offers each stage when you are ready; you choose, and you can always go back.</source>
        <translation>A medida que ganas fuerza, las dosis cambian. La aplicación te ofrece cada etapa cuando estás listo; tú decides, y siempre puedes volver atrás.</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Etapas</translation>
    </message>
    <message>
        <source>This routine can&apos;t be run: {0}</source>
        <translation>Esta rutina no se puede hacer: {0}</translation>
    </message>
    <message>
        <source>{0} — stop and ask if anything hurts</source>
        <translation>{0} — para y consulta si algo duele</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
    <message>
        <source>{0}: home exercises</source>
        <translation>{0}: ejercicios en casa</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 segundo</translation>
    </message>
    <message>
        <source>{0} seconds</source>
        <translation>{0} segundos</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <source>{0} hours</source>
        <translation>{0} horas</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minuto</translation>
    </message>
    <message>
        <source>{0} minutes</source>
        <translation>{0} minutos</translation>
    </message>
    <message>
        <source>once</source>
        <translation>una vez</translation>
    </message>
    <message>
        <source>{0} times</source>
        <translation>{0} veces</translation>
    </message>
    <message>
        <source>left side only</source>
        <translation>solo el lado izquierdo</translation>
    </message>
    <message>
        <source>right side only</source>
        <translation>solo el lado derecho</translation>
    </message>
    <message>
        <source>alternating sides</source>
        <translation>alternando lados</translation>
    </message>
    <message>
        <source>Hold {0}</source>
        <translation>Mantén {0}</translation>
    </message>
    <message>
        <source>{0} each side</source>
        <translation>{0} por lado</translation>
    </message>
    <message>
        <source>For {0}</source>
        <translation>Durante {0}</translation>
    </message>
    <message>
        <source>one every {0}</source>
        <translation>una cada {0}</translation>
    </message>
    <message>
        <source>at your own pace</source>
        <translation>a tu ritmo</translation>
    </message>
    <message>
        <source>Rest {0}</source>
        <translation>Descansa {0}</translation>
    </message>
    <message>
        <source>rest {0}</source>
        <translation>descansa {0}</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <source>hold {0}</source>
        <translation>mantener {0}</translation>
    </message>
    <message>
        <source>{0} reps, one every {1}</source>
        <translation>{0} repeticiones, una cada {1}</translation>
    </message>
    <message>
        <source>{0} reps at your own pace</source>
        <translation>{0} repeticiones a tu ritmo</translation>
    </message>
    <message>
        <source>{0} sets</source>
        <translation>{0} series</translation>
    </message>
    <message>
        <source>each side</source>
        <translation>cada lado</translation>
    </message>
    <message>
        <source>left side</source>
        <translation>lado izquierdo</translation>
    </message>
    <message>
        <source>right side</source>
        <translation>lado derecho</translation>
    </message>
    <message>
        <source>once a day</source>
        <translation>una vez al día</translation>
    </message>
    <message>
        <source>twice a day</source>
        <translation>dos veces al día</translation>
    </message>
    <message>
        <source>{0} times a day</source>
        <translation>{0} veces al día</translation>
    </message>
    <message>
        <source>once a week</source>
        <translation>una vez a la semana</translation>
    </message>
    <message>
        <source>twice a week</source>
        <translation>dos veces a la semana</translation>
    </message>
    <message>
        <source>{0} times a week</source>
        <translation>{0} veces a la semana</translation>
    </message>
    <message>
        <source>Prescribed: {0}</source>
        <translation>Pauta: {0}</translation>
    </message>
    <message>
        <source>Stage {0} of {1}: {2}.</source>
        <translation>Etapa {0} de {1}: {2}.</translation>
    </message>
    <message>
        <source>This is the last stage.</source>
        <translation>Es la última etapa.</translation>
    </message>
    <message>
        <source>Next, {0}, offered after {1} more completed session(s): {2}.</source>
        <translation>La siguiente, {0}, se ofrece tras {1} sesión(es) completa(s) más: {2}.</translation>
    </message>
    <message>
        <source>Next, {0}, is offered after your next session: {1}.</source>
        <translation>La siguiente, {0}, se ofrece tras tu próxima sesión: {1}.</translation>
    </message>
    <message>
        <source>You need: {0}.</source>
        <translation>Necesitas: {0}.</translation>
    </message>
    <message>
        <source>Take care — {0}: {1}</source>
        <translation>Precaución — {0}: {1}</translation>
    </message>
    <message>
        <source>Careful: {0}</source>
        <translation>Cuidado: {0}</translation>
    </message>
    <message>
        <source>Ask first / take care: {0}</source>
        <translation>Consulta antes / precaución: {0}</translation>
    </message>
    <message>
        <source>What you need, cautions and stage</source>
        <translation>Qué necesitas, precauciones y etapa</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>About the selected step</source>
        <translation>Sobre el paso elegido</translation>
    </message>
    <message>
        <source>&amp;Watch a demonstration</source>
        <translation>&amp;Ver una demostración</translation>
    </message>
    <message>
        <source>Watch a demonstration</source>
        <translation>Ver una demostración</translation>
    </message>
    <message>
        <source>Opens the video in your web browser</source>
        <translation>Abre el vídeo en tu navegador</translation>
    </message>
    <message>
        <source>&amp;Go back a stage</source>
        <translation>&amp;Volver a la etapa anterior</translation>
    </message>
    <message>
        <source>Go back a stage</source>
        <translation>Volver a la etapa anterior</translation>
    </message>
    <message>
        <source>Runs the doses of the stage before; you can move on again later</source>
        <translation>Usa las dosis de la etapa anterior; más adelante puedes avanzar de nuevo</translation>
    </message>
    <message>
        <source>Errors in this file</source>
        <translation>Errores en este archivo</translation>
    </message>
    <message>
        <source>Back to the library (Esc)</source>
        <translation>Volver a la biblioteca (Esc)</translation>
    </message>
    <message>
        <source>alternating sides, reps per side</source>
        <translation>alternando lados, repeticiones por lado</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Volver a la biblioteca</translation>
    </message>
    <message>
        <source>Start (Enter)</source>
        <translation>Empezar (Intro)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Begin with the check-in, then the session</source>
        <translation>Empieza con las preguntas previas y después la sesión</translation>
    </message>
    <message>
        <source>This file has errors, so it can&apos;t be run. Ask whoever wrote it to fix:</source>
        <translation>Este archivo tiene errores y no se puede usar. Pide a quien lo escribió que corrija:</translation>
    </message>
    <message>
        <source>Level: {0}</source>
        <translation>Nivel: {0}</translation>
    </message>
    <message>
        <source>By {0}</source>
        <translation>De {0}</translation>
    </message>
    <message>
        <source>self-paced</source>
        <translation>a tu ritmo</translation>
    </message>
    <message>
        <source>Total: {0}</source>
        <translation>Total: {0}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>History is not available: {0}</source>
        <translation>El historial no está disponible: {0}</translation>
    </message>
    <message>
        <source>{0}: the history can&apos;t be opened ({1})</source>
        <translation>{0}: no se puede abrir el historial ({1})</translation>
    </message>
    <message>
        <source>The posture-break reminder is not available in this build.</source>
        <translation>El recordatorio de pausas posturales no está disponible en esta versión.</translation>
    </message>
</context>
<context>
    <name>BreakWindow</name>
    <message>
        <source>Posture break — backcoach</source>
        <translation>Pausa postural — backcoach</translation>
    </message>
    <message>
        <source>Posture break</source>
        <translation>Pausa postural</translation>
    </message>
    <message>
        <source>Time for a posture break</source>
        <translation>Es hora de una pausa postural</translation>
    </message>
    <message>
        <source>&amp;Start the break</source>
        <translation>&amp;Empezar la pausa</translation>
    </message>
    <message>
        <source>Start the break</source>
        <translation>Empezar la pausa</translation>
    </message>
    <message>
        <source>&amp;Postpone 5 minutes</source>
        <translation>&amp;Aplazar 5 minutos</translation>
    </message>
    <message>
        <source>Postpone 5 minutes</source>
        <translation>Aplazar 5 minutos</translation>
    </message>
    <message>
        <source>S&amp;kip this one</source>
        <translation>&amp;Saltar esta</translation>
    </message>
    <message>
        <source>Skip this break</source>
        <translation>Saltar esta pausa</translation>
    </message>
    <message>
        <source>Up next: {0}. It takes a few minutes.</source>
        <translation>A continuación: {0}. Lleva unos minutos.</translation>
    </message>
    <message>
        <source>Stand up, walk a few steps, roll your shoulders and look into the distance.</source>
        <translation>Levántate, da unos pasos, gira los hombros y mira a lo lejos.</translation>
    </message>
    <message>
        <source>Postponed {0} times in a row: take the break now, or skip this one.</source>
        <translation>Aplazada {0} veces seguidas: haz la pausa ahora o sáltate esta.</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>Adherence calendar</source>
        <translation>Calendario de constancia</translation>
    </message>
    <message>
        <source>Filled: done. Thick ring: partial. Dashed ring: missed. Left and Right arrows: other months.</source>
        <translation>Relleno: cumplido. Anillo grueso: parcial. Anillo discontinuo: sin sesión. Flechas izquierda y derecha: otros meses.</translation>
    </message>
    <message>
        <source>{0}: {1} done, {2} partial, {3} missed</source>
        <translation>{0}: {1} cumplidos, {2} parciales, {3} sin sesión</translation>
    </message>
    <message>
        <source>done</source>
        <translation>cumplido</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>parcial</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>sin sesión</translation>
    </message>
</context>
<context>
    <name>CheckIn</name>
    <message>
        <source>about {0} min</source>
        <translation>unos {0} min</translation>
    </message>
    <message>
        <source>, plus reps at your own pace</source>
        <translation>, más repeticiones a tu ritmo</translation>
    </message>
</context>
<context>
    <name>CheckInAfter</name>
    <message>
        <source>How do you feel now?</source>
        <translation>¿Cómo te encuentras ahora?</translation>
    </message>
    <message>
        <source>Pain right now (0 = none, 10 = worst imaginable):</source>
        <translation>Dolor ahora mismo (0 = nada, 10 = el peor imaginable):</translation>
    </message>
    <message>
        <source>Did any step hurt? Tick it (Space):</source>
        <translation>¿Te dolió algún paso? Márcalo (Espacio):</translation>
    </message>
    <message>
        <source>Steps that hurt</source>
        <translation>Pasos que dolieron</translation>
    </message>
    <message>
        <source>Space ticks or unticks the selected step</source>
        <translation>Espacio marca o desmarca el paso seleccionado</translation>
    </message>
    <message>
        <source>Notes (optional):</source>
        <translation>Notas (opcional):</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Anything to remember or tell your therapist</source>
        <translation>Algo que recordar o contar a tu fisioterapeuta</translation>
    </message>
    <message>
        <source>Save (Enter)</source>
        <translation>Guardar (Intro)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>You stopped early, and that&apos;s fine. A quick check-in helps your therapist.</source>
        <translation>Has parado antes, y no pasa nada. Unas preguntas rápidas ayudan a tu fisioterapeuta.</translation>
    </message>
    <message>
        <source>Well done. A quick check-in helps you and your therapist.</source>
        <translation>Bien hecho. Unas preguntas rápidas os ayudan a ti y a tu fisioterapeuta.</translation>
    </message>
    <message>
        <source>Choose your pain from 0 to 10 first.</source>
        <translation>Primero elige tu dolor del 0 al 10.</translation>
    </message>
</context>
<context>
    <name>CheckInBefore</name>
    <message>
        <source>Before you start: how much pain do you have right now?</source>
        <translation>Antes de empezar: ¿cuánto dolor tienes ahora mismo?</translation>
    </message>
    <message>
        <source>Back to the library (Enter)</source>
        <translation>Volver a la biblioteca (Intro)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Continue (Enter)</source>
        <translation>Continuar (Intro)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Start (Enter)</source>
        <translation>Empezar (Intro)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Good to know</source>
        <translation>Conviene saberlo</translation>
    </message>
    <message>
        <source>Let&apos;s not exercise today</source>
        <translation>Mejor no hacer ejercicio hoy</translation>
    </message>
    <message>
        <source>Please check with your care team before exercising.</source>
        <translation>Consulta con tu equipo sanitario antes de hacer ejercicio.</translation>
    </message>
    <message>
        <source>Get medical help now</source>
        <translation>Busca ayuda médica ahora</translation>
    </message>
    <message>
        <source>{0}: {1}.</source>
        <translation>{0}: {1}.</translation>
    </message>
    <message>
        <source>Stage {0} of {1}: {2}.</source>
        <translation>Etapa {0} de {1}: {2}.</translation>
    </message>
    <message>
        <source>It&apos;s a flare day, so today runs the gentler flare version ({0} instead of {1}).</source>
        <translation>Hoy es día de brote, así que se hará la versión más suave para brotes ({0} en lugar de {1}).</translation>
    </message>
    <message>
        <source>It&apos;s a flare day. This routine has no flare version, so it runs as usual: go gently, and stop whenever you need to.</source>
        <translation>Hoy es día de brote. Esta rutina no tiene versión para brotes, así que se hará como siempre: ve con suavidad y para cuando lo necesites.</translation>
    </message>
    <message>
        <source>Space pauses, Right skips, Left goes back, Esc stops.</source>
        <translation>Espacio pausa, Derecha salta, Izquierda retrocede, Esc detiene.</translation>
    </message>
    <message>
        <source>Ready when you are</source>
        <translation>Cuando quieras</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
</context>
<context>
    <name>CuePlayer</name>
    <message>
        <source>No sound: no audio output was found (is a sound server such as PipeWire or PulseAudio running?). Sessions run with text only.</source>
        <translation>Sin sonido: no se ha encontrado ninguna salida de audio (¿está en marcha un servidor de sonido como PipeWire o PulseAudio?). Las sesiones siguen solo con texto.</translation>
    </message>
    <message>
        <source>Some cue sounds are missing: {0}. Reinstall backcoach.</source>
        <translation>Faltan algunos sonidos de aviso: {0}. Vuelve a instalar backcoach.</translation>
    </message>
    <message>
        <source>No voice: speech-dispatcher is not installed (sudo apt install speech-dispatcher). Sessions run with sounds and text only.</source>
        <translation>Sin voz: speech-dispatcher no está instalado (sudo apt install speech-dispatcher). Las sesiones siguen solo con sonidos y texto.</translation>
    </message>
    <message>
        <source>No voice: the speech engine &apos;{0}&apos; is not available (found: {1}). Sessions run with sounds and text only.</source>
        <translation>Sin voz: el motor de voz «{0}» no está disponible (encontrados: {1}). Las sesiones siguen solo con sonidos y texto.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>No voice: there is no audio output for the speech engine to use. Sessions run with text only.</source>
        <translation>Sin voz: no hay salida de audio para el motor de voz. Las sesiones siguen solo con texto.</translation>
    </message>
    <message>
        <source>No voice: the speech service ({0}) did not answer within {1:.0f} s; it may be stuck (try: pkill -u $USER speech-dispatcher, or log out and in). Sessions run with sounds and text only.</source>
        <translation>Sin voz: el servicio de voz ({0}) no respondió en {1:.0f} s; puede estar bloqueado (prueba: pkill -u $USER speech-dispatcher, o cierra la sesión y vuelve a entrar). Las sesiones siguen solo con sonidos y texto.</translation>
    </message>
    <message>
        <source>No voice: the speech engine &apos;{0}&apos; could not start{1}: {2}. Sessions run with sounds and text only.</source>
        <translation>Sin voz: el motor de voz «{0}» no pudo arrancar{1}: {2}. Las sesiones siguen solo con sonidos y texto.</translation>
    </message>
    <message>
        <source>no details</source>
        <translation>sin detalles</translation>
    </message>
    <message>
        <source>No voice: the speech engine &apos;{0}&apos; reported: {1}. Sessions run with sounds and text only.</source>
        <translation>Sin voz: el motor de voz «{0}» informó: {1}. Las sesiones siguen solo con sonidos y texto.</translation>
    </message>
    <message>
        <source>The voice &apos;{0}&apos; is not available here; using the default voice.</source>
        <translation>La voz «{0}» no está disponible aquí; se usa la voz predeterminada.</translation>
    </message>
    <message>
        <source>The voice stopped responding, so the session goes on with sounds and text only. Run &apos;backcoach doctor&apos; to see why.</source>
        <translation>La voz dejó de responder, así que la sesión sigue solo con sonidos y texto. Ejecuta «backcoach doctor» para ver el motivo.</translation>
    </message>
    <message>
        <source>The voice failed ({0}), so the session goes on with sounds and text only.</source>
        <translation>La voz falló ({0}), así que la sesión sigue solo con sonidos y texto.</translation>
    </message>
</context>
<context>
    <name>DoseText</name>
    <message>
        <source>hold {0} instead of {1}</source>
        <translation>mantén {0} en lugar de {1}</translation>
    </message>
    <message>
        <source>{0} times instead of {1}</source>
        <translation>{0} veces en lugar de {1}</translation>
    </message>
    <message>
        <source>{0} sets instead of {1}</source>
        <translation>{0} series en lugar de {1}</translation>
    </message>
    <message>
        <source>one every {0} instead of {1}</source>
        <translation>una cada {0} en lugar de {1}</translation>
    </message>
    <message>
        <source>{0} instead of {1}</source>
        <translation>{0} en lugar de {1}</translation>
    </message>
    <message>
        <source>rest {0} instead of {1}</source>
        <translation>descansa {0} en lugar de {1}</translation>
    </message>
    <message>
        <source>relax {0} between holds instead of {1}</source>
        <translation>relaja {0} entre posiciones en lugar de {1}</translation>
    </message>
</context>
<context>
    <name>ExerciseImages</name>
    <message>
        <source>Exercise pictures</source>
        <translation>Imágenes del ejercicio</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Review mode</source>
        <translation>Modo de revisión</translation>
    </message>
    <message>
        <source>Reviewing someone else&apos;s history: {0} (read-only)</source>
        <translation>Revisando el historial de otra persona: {0} (solo lectura)</translation>
    </message>
    <message>
        <source>History problem</source>
        <translation>Problema con el historial</translation>
    </message>
    <message>
        <source>Routine filter</source>
        <translation>Filtro de rutina</translation>
    </message>
    <message>
        <source>&amp;Routine:</source>
        <translation>&amp;Rutina:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Últimas 4 semanas</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>Últimos 3 meses</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Fecha de fin</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;hasta</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Export the period shown</source>
        <translation>Exportar el periodo mostrado</translation>
    </message>
    <message>
        <source>&amp;PDF report for the care team…</source>
        <translation>Informe &amp;PDF para el equipo sanitario…</translation>
    </message>
    <message>
        <source>&amp;CSV spreadsheet…</source>
        <translation>Hoja de cálculo &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;JSON (complete, for backup or review)…</source>
        <translation>&amp;JSON (completo, para copia de seguridad o revisión)…</translation>
    </message>
    <message>
        <source>&amp;FHIR pain scores…</source>
        <translation>Valores de dolor &amp;FHIR…</translation>
    </message>
    <message>
        <source>A note about your numbers</source>
        <translation>Una nota sobre tus datos</translation>
    </message>
    <message>
        <source>History sections</source>
        <translation>Secciones del historial</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Preview (4×), completed</source>
        <translation>Vista previa (4×), completada</translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
    <message>
        <source>Flare</source>
        <translation>Brote</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrumpida</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sesiones</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutina</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Stopped early (4 weeks)</source>
        <translation>Detenidas antes (4 semanas)</translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation>Constancia</translation>
    </message>
    <message>
        <source>A day is done with the sessions its routines ask for, partial with fewer (or only stopped ones), missed with none. Weekly routines are counted per week.</source>
        <translation>Un día está cumplido con las sesiones que piden sus rutinas, es parcial con menos (o solo con sesiones detenidas) y queda sin sesión si no hay ninguna. Las rutinas semanales se cuentan por semana.</translation>
    </message>
    <message>
        <source>&amp;Adherence</source>
        <translation>&amp;Constancia</translation>
    </message>
    <message>
        <source>Pa&amp;in over time</source>
        <translation>Dolor a lo &amp;largo del tiempo</translation>
    </message>
    <message>
        <source>Sessions rated</source>
        <translation>Sesiones valoradas</translation>
    </message>
    <message>
        <source>Average change</source>
        <translation>Cambio medio</translation>
    </message>
    <message>
        <source>Meaningful relief</source>
        <translation>Alivio apreciable</translation>
    </message>
    <message>
        <source>Does it help</source>
        <translation>¿Ayuda?</translation>
    </message>
    <message>
        <source>Average change is pain after minus pain before (negative: it hurt less afterwards). Meaningful relief: pain went down by 2 points or more, or by 30% or more, the usual threshold for low back pain.</source>
        <translation>El cambio medio es el dolor después menos el dolor antes (negativo: dolía menos después). Alivio apreciable: el dolor bajó 2 puntos o más, o un 30 % o más, el umbral habitual en el dolor lumbar.</translation>
    </message>
    <message>
        <source>&amp;Does it help?</source>
        <translation>¿&amp;Ayuda?</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Hechas</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Previstas</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Saltadas</translation>
    </message>
    <message>
        <source>Put off, never taken</source>
        <translation>Aplazadas y no hechas</translation>
    </message>
    <message>
        <source>Posture breaks</source>
        <translation>Pausas posturales</translation>
    </message>
    <message>
        <source>Posture &amp;breaks</source>
        <translation>&amp;Pausas posturales</translation>
    </message>
    <message>
        <source>The history cannot be shown: {0}</source>
        <translation>No se puede mostrar el historial: {0}</translation>
    </message>
    <message>
        <source>No history is open.</source>
        <translation>No hay ningún historial abierto.</translation>
    </message>
    <message>
        <source>All routines</source>
        <translation>Todas las rutinas</translation>
    </message>
    <message>
        <source>{0} sessions in this period.</source>
        <translation>{0} sesiones en este periodo.</translation>
    </message>
    <message>
        <source>{0} of them are previews (sped up, shown in italics) and are left out of every statistic.</source>
        <translation>{0} de ellas son vistas previas (aceleradas, en cursiva) y quedan fuera de todas las estadísticas.</translation>
    </message>
    <message>
        <source>{0} of {1} ({2:.0%})</source>
        <translation>{0} de {1} ({2:.0%})</translation>
    </message>
    <message>
        <source>{0} of {1} posture breaks taken in this period. Due = taken + skipped + reminders put off and never taken that day. Breaks are not counted in the routine statistics.</source>
        <translation>{0} de {1} pausas posturales hechas en este periodo. Previstas = hechas + saltadas + avisos aplazados y no hechos ese día. Las pausas no cuentan en las estadísticas de las rutinas.</translation>
    </message>
    <message>
        <source>No posture-break reminders in this period.</source>
        <translation>No hubo avisos de pausa postural en este periodo.</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>Informe PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV spreadsheet (*.csv)</source>
        <translation>Hoja de cálculo CSV (*.csv)</translation>
    </message>
    <message>
        <source>backcoach history (*.json)</source>
        <translation>Historial de backcoach (*.json)</translation>
    </message>
    <message>
        <source>FHIR bundle (*.json)</source>
        <translation>Paquete FHIR (*.json)</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportar el historial</translation>
    </message>
    <message>
        <source>{0} is the history being shown: choose another file name.</source>
        <translation>{0} es el historial que se está mostrando: elige otro nombre de archivo.</translation>
    </message>
    <message>
        <source>No history is open: nothing to export.</source>
        <translation>No hay ningún historial abierto: no hay nada que exportar.</translation>
    </message>
    <message>
        <source>Could not export to {0}: {1}</source>
        <translation>No se pudo exportar a {0}: {1}</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>Exportado a {0}.</translation>
    </message>
    <message>
        <source>Exercise and pain report</source>
        <translation>Informe de ejercicio y dolor</translation>
    </message>
</context>
<context>
    <name>HistoryWriter</name>
    <message>
        <source>writing to the disk took too long.</source>
        <translation>escribir en el disco tardó demasiado.</translation>
    </message>
    <message>
        <source>Your session could not be saved before closing, and it is not in your history: {0}</source>
        <translation>Tu sesión no se pudo guardar antes de cerrar y no está en tu historial: {0}</translation>
    </message>
    <message>
        <source>The end of your session could not be saved before closing: {0} What was saved up to its last checkpoint is kept; it will be listed as interrupted.</source>
        <translation>El final de tu sesión no se pudo guardar antes de cerrar: {0} Se conserva lo guardado hasta su último punto de control; aparecerá como interrumpida.</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Your routines</source>
        <translation>Tus rutinas</translation>
    </message>
    <message>
        <source>Search routines…</source>
        <translation>Buscar rutinas…</translation>
    </message>
    <message>
        <source>Search routines</source>
        <translation>Buscar rutinas</translation>
    </message>
    <message>
        <source>Filter the list by title, summary or tag</source>
        <translation>Filtra la lista por título, resumen o etiqueta</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Filtrar por etiqueta</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Etiqueta:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Routines</source>
        <translation>Rutinas</translation>
    </message>
    <message>
        <source>Enter: open the routine  ·  Type to search  ·  F5: reload the folders</source>
        <translation>Intro: abrir la rutina  ·  Escribe para buscar  ·  F5: volver a leer las carpetas</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Todas las etiquetas</translation>
    </message>
    <message>
        <source>No routine matches. Clear the search to see them all.</source>
        <translation>Ninguna rutina coincide. Borra la búsqueda para verlas todas.</translation>
    </message>
    <message>
        <source>No routines found. Add a routine file to one of your routine folders.</source>
        <translation>No se han encontrado rutinas. Añade un archivo de rutina a una de tus carpetas de rutinas.</translation>
    </message>
    <message>
        <source>Gentle</source>
        <translation>Suave</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderado</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Intenso</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>backcoach</source>
        <translation>backcoach</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Reload routines</source>
        <translation>&amp;Volver a cargar las rutinas</translation>
    </message>
    <message>
        <source>&amp;Import routine…</source>
        <translation>&amp;Importar rutina…</translation>
    </message>
    <message>
        <source>Import &amp;folder of routines…</source>
        <translation>Importar una &amp;carpeta de rutinas…</translation>
    </message>
    <message>
        <source>&amp;Open history…</source>
        <translation>Abrir &amp;historial…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>Print &amp;handout…</source>
        <translation>Imprimir &amp;hoja de ejercicios…</translation>
    </message>
    <message>
        <source>The routine&apos;s home-exercise sheet, on A4</source>
        <translation>La hoja de ejercicios en casa de la rutina, en A4</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Biblioteca</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>The handout could not be printed: {0}</source>
        <translation>No se pudo imprimir la hoja: {0}</translation>
    </message>
    <message>
        <source>Print handout</source>
        <translation>Imprimir la hoja de ejercicios</translation>
    </message>
    <message>
        <source>Finish or stop the session first (Esc stops it).</source>
        <translation>Termina o detén primero la sesión (Esc la detiene).</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>The history page is not available in this build.</source>
        <translation>La página del historial no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>The settings dialog is not available in this build.</source>
        <translation>Las preferencias no están disponibles en esta versión.</translation>
    </message>
    <message>
        <source>backcoach — reviewing {0}</source>
        <translation>backcoach — revisando {0}</translation>
    </message>
    <message>
        <source>Reviewing a history is not available in this build.</source>
        <translation>La revisión de historiales no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Open someone&apos;s history</source>
        <translation>Abrir el historial de otra persona</translation>
    </message>
    <message>
        <source>backcoach history (*.json)</source>
        <translation>Historial de backcoach (*.json)</translation>
    </message>
    <message>
        <source>“{0}” changed and now has errors, so it can&apos;t be started.</source>
        <translation>«{0}» ha cambiado y ahora tiene errores, así que no se puede empezar.</translation>
    </message>
    <message>
        <source>the file is no longer there (moved, renamed or deleted)</source>
        <translation>el archivo ya no está (se movió, se cambió de nombre o se borró)</translation>
    </message>
    <message>
        <source>The stage can&apos;t be changed: the history is not available.</source>
        <translation>No se puede cambiar la etapa: el historial no está disponible.</translation>
    </message>
    <message>
        <source>The new stage could not be saved: {0}</source>
        <translation>No se pudo guardar la nueva etapa: {0}</translation>
    </message>
    <message>
        <source>“{0}” can&apos;t be started:
{1}</source>
        <translation>«{0}» no se puede empezar:
{1}</translation>
    </message>
    <message>
        <source>“{0}” is an exercise library, not a routine. Choose a routine from the list.</source>
        <translation>«{0}» es una biblioteca de ejercicios, no una rutina. Elige una rutina de la lista.</translation>
    </message>
    <message>
        <source>“{0}” is not a routine file. Choose a routine from the list.</source>
        <translation>«{0}» no es un archivo de rutina. Elige una rutina de la lista.</translation>
    </message>
    <message>
        <source>There is no file “{0}”. Choose a routine from the list.</source>
        <translation>No existe el archivo «{0}». Elige una rutina de la lista.</translation>
    </message>
    <message>
        <source>No routine called “{0}” was found. Choose one from the list.</source>
        <translation>No se ha encontrado ninguna rutina llamada «{0}». Elige una de la lista.</translation>
    </message>
    <message>
        <source>Sessions can&apos;t be saved this time: {0}</source>
        <translation>Esta vez no se pueden guardar las sesiones: {0}</translation>
    </message>
    <message>
        <source>Your last session was interrupted; what you did is saved.</source>
        <translation>Tu última sesión se interrumpió; lo que hiciste está guardado.</translation>
    </message>
    <message>
        <source>Your last session ({0}) was interrupted; the {1} step(s) you did are saved.</source>
        <translation>Tu última sesión ({0}) se interrumpió; los {1} paso(s) que hiciste están guardados.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardada</translation>
    </message>
    <message>
        <source>Stop the session?</source>
        <translation>¿Detener la sesión?</translation>
    </message>
    <message>
        <source>A session is running. Stop it and close? What you did so far is saved.</source>
        <translation>Hay una sesión en curso. ¿Detenerla y cerrar? Lo que llevas hecho está guardado.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Cerrar el mensaje</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>PainChart</name>
    <message>
        <source>Pain chart</source>
        <translation>Gráfico del dolor</translation>
    </message>
    <message>
        <source>Pain before and after each session; use Show as table for the numbers</source>
        <translation>Dolor antes y después de cada sesión; usa Mostrar como tabla para ver los números</translation>
    </message>
    <message>
        <source>Pain before and after each session, as a table</source>
        <translation>Dolor antes y después de cada sesión, en una tabla</translation>
    </message>
    <message>
        <source>No pain ratings in this period.</source>
        <translation>No hay valoraciones de dolor en este periodo.</translation>
    </message>
    <message>
        <source>Show as &amp;table</source>
        <translation>Mostrar como &amp;tabla</translation>
    </message>
    <message>
        <source>Show the pain numbers as a table</source>
        <translation>Mostrar los valores de dolor en una tabla</translation>
    </message>
    <message>
        <source>{0} sessions; the chart shows {1} of them, evenly spread (the averages use every session). Pick a shorter period to see each one.</source>
        <translation>{0} sesiones; el gráfico muestra {1}, repartidas por igual (las medias usan todas). Elige un periodo más corto para verlas una a una.</translation>
    </message>
    <message>
        <source>{0} sessions with a pain rating.</source>
        <translation>{0} sesiones con valoración del dolor.</translation>
    </message>
    <message>
        <source>Show as &amp;chart</source>
        <translation>Mostrar como &amp;gráfico</translation>
    </message>
    <message>
        <source>Pain (0–10)</source>
        <translation>Dolor (0–10)</translation>
    </message>
    <message>
        <source>Pain before</source>
        <translation>Dolor antes</translation>
    </message>
    <message>
        <source>Pain after</source>
        <translation>Dolor después</translation>
    </message>
    <message>
        <source>7-day average before</source>
        <translation>Media de 7 días antes</translation>
    </message>
    <message>
        <source>7-day average after</source>
        <translation>Media de 7 días después</translation>
    </message>
</context>
<context>
    <name>PainPage</name>
    <message>
        <source>Type a number 0–9, or use Up and Down (10 is 9, then Up).</source>
        <translation>Escribe un número del 0 al 9 o usa Arriba y Abajo (para el 10: 9 y luego Arriba).</translation>
    </message>
    <message>
        <source>Continue (Enter)</source>
        <translation>Continuar (Intro)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Choose a number from 0 to 10 first.</source>
        <translation>Primero elige un número del 0 al 10.</translation>
    </message>
</context>
<context>
    <name>PainScale</name>
    <message>
        <source>Pain from 0 to 10</source>
        <translation>Dolor del 0 al 10</translation>
    </message>
    <message>
        <source>0 is no pain, 10 the worst imaginable. Type a digit, or use Up and Down.</source>
        <translation>0 es sin dolor y 10 el peor imaginable. Escribe una cifra o usa Arriba y Abajo.</translation>
    </message>
    <message>
        <source>Pain {0}</source>
        <translation>Dolor {0}</translation>
    </message>
    <message>
        <source>0 = no pain</source>
        <translation>0 = sin dolor</translation>
    </message>
    <message>
        <source>10 = worst imaginable</source>
        <translation>10 = el peor imaginable</translation>
    </message>
    <message>
        <source>Your answer: {0}</source>
        <translation>Tu respuesta: {0}</translation>
    </message>
    <message>
        <source>Pain {0} of 10</source>
        <translation>Dolor {0} de 10</translation>
    </message>
</context>
<context>
    <name>PlanText</name>
    <message>
        <source>{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>Get ready</source>
        <translation>Prepárate</translation>
    </message>
    <message>
        <source>Switch to the left side</source>
        <translation>Cambia al lado izquierdo</translation>
    </message>
    <message>
        <source>Switch to the right side</source>
        <translation>Cambia al lado derecho</translation>
    </message>
    <message>
        <source>Switch sides</source>
        <translation>Cambia de lado</translation>
    </message>
    <message>
        <source>Relax</source>
        <translation>Relaja</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <source>Rest between sets</source>
        <translation>Descanso entre series</translation>
    </message>
    <message>
        <source>left side</source>
        <translation>lado izquierdo</translation>
    </message>
    <message>
        <source>right side</source>
        <translation>lado derecho</translation>
    </message>
    <message>
        <source>set {0} of {1}</source>
        <translation>serie {0} de {1}</translation>
    </message>
    <message>
        <source>hold {0} of {1}</source>
        <translation>mantener {0} de {1}</translation>
    </message>
    <message>
        <source>alternating sides</source>
        <translation>alternando lados</translation>
    </message>
    <message>
        <source>{0} reps each side</source>
        <translation>{0} repeticiones por lado</translation>
    </message>
    <message>
        <source>{0} reps</source>
        <translation>{0} repeticiones</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>{0} + self-paced steps</source>
        <translation>{0} + repeticiones a tu ritmo</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Mantén</translation>
    </message>
    <message>
        <source>At your own pace — press Enter when done</source>
        <translation>A tu ritmo: pulsa Intro al terminar</translation>
    </message>
    <message>
        <source>Follow the count</source>
        <translation>Sigue la cuenta</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Sigue así</translation>
    </message>
    <message>
        <source>Get into position</source>
        <translation>Colócate en posición</translation>
    </message>
    <message>
        <source>Breathe easy</source>
        <translation>Respira con calma</translation>
    </message>
    <message>
        <source>Set {0} of {1}</source>
        <translation>Serie {0} de {1}</translation>
    </message>
    <message>
        <source>Rep {0} of {1}</source>
        <translation>Repetición {0} de {1}</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>Después: {0}</translation>
    </message>
    <message>
        <source>Next: finish</source>
        <translation>Después: fin</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>PlayerPage</name>
    <message>
        <source>Session player</source>
        <translation>Reproductor de la sesión</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Progress of this step</source>
        <translation>Progreso de este paso</translation>
    </message>
    <message>
        <source>Progress of the session</source>
        <translation>Progreso de la sesión</translation>
    </message>
    <message>
        <source>◀ Back (Left)</source>
        <translation>◀ Atrás (Izquierda)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Atrás</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pausa (Espacio)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Skip ▶ (Right)</source>
        <translation>Saltar ▶ (Derecha)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>Skip ▶</source>
        <translation>Saltar ▶</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>Hecho (Intro)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Detener (Esc)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>&amp;Voz</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Vol&amp;ume</source>
        <translation>Vol&amp;umen</translation>
    </message>
    <message>
        <source>&amp;Watch a demonstration</source>
        <translation>&amp;Ver una demostración</translation>
    </message>
    <message>
        <source>Watch a demonstration</source>
        <translation>Ver una demostración</translation>
    </message>
    <message>
        <source>Pauses, and opens the video in your web browser</source>
        <translation>Pausa, y abre el vídeo en tu navegador</translation>
    </message>
    <message>
        <source>Preview ×{0}: runs {0} times faster, kept out of statistics</source>
        <translation>Vista previa ×{0}: va {0} veces más rápido y no cuenta en las estadísticas</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Careful: {0}</source>
        <translation>Cuidado: {0}</translation>
    </message>
    <message>
        <source>Ask first / take care: {0}</source>
        <translation>Consulta antes / precaución: {0}</translation>
    </message>
    <message>
        <source>You need: {0}.</source>
        <translation>Necesitas: {0}.</translation>
    </message>
    <message>
        <source>Resume (Space)</source>
        <translation>Continuar (Espacio)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Paused: the computer was asleep. Press Space to go on.</source>
        <translation>En pausa: el ordenador estaba en reposo. Pulsa Espacio para seguir.</translation>
    </message>
    <message>
        <source>Paused. Press Space to go on.</source>
        <translation>En pausa. Pulsa Espacio para seguir.</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <source>Yes (Y)</source>
        <translation>Sí (Y)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No (N)</source>
        <translation>No (N)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Safety question {0} of {1}</source>
        <translation>Pregunta de seguridad {0} de {1}</translation>
    </message>
    <message>
        <source>Safety question {0} of {1}. Press Y for yes or N for no.</source>
        <translation>Pregunta de seguridad {0} de {1}. Pulse Y para sí o N para no.</translation>
    </message>
</context>
<context>
    <name>ReadyPage</name>
    <message>
        <source>Today is a &amp;flare day (F)</source>
        <translation>Hoy es un día de &amp;brote (F)</translation>
    </message>
    <message>
        <source>Today is a flare day</source>
        <translation>Hoy es un día de brote</translation>
    </message>
    <message>
        <source>Runs the gentler flare version of this routine</source>
        <translation>Usa la versión más suave de esta rutina para días de brote</translation>
    </message>
</context>
<context>
    <name>RoutineImport</name>
    <message>
        <source>{0}: only routine files (.yaml or .yml) can be imported</source>
        <translation>{0}: solo se pueden importar archivos de rutina (.yaml o .yml)</translation>
    </message>
    <message>
        <source>{0}: the file is too big for a routine</source>
        <translation>{0}: el archivo es demasiado grande para ser una rutina</translation>
    </message>
    <message>
        <source>{0}: can&apos;t be read ({1})</source>
        <translation>{0}: no se puede leer ({1})</translation>
    </message>
    <message>
        <source>{0}: this exercise library uses pictures kept next to it; import the whole folder instead (drop the folder on the window)</source>
        <translation>{0}: esta biblioteca de ejercicios usa imágenes guardadas junto a ella; importa la carpeta entera (arrastra la carpeta a la ventana)</translation>
    </message>
    <message>
        <source>{0}: this is not a routine</source>
        <translation>{0}: esto no es una rutina</translation>
    </message>
    <message>
        <source>{0}: no valid routine or exercise library directly in this folder</source>
        <translation>{0}: no hay ninguna rutina ni biblioteca de ejercicios válida directamente en esta carpeta</translation>
    </message>
    <message>
        <source>{0}: can&apos;t be copied to {1} ({2})</source>
        <translation>{0}: no se puede copiar a {1} ({2})</translation>
    </message>
    <message>
        <source>Imported into your routines: {0}</source>
        <translation>Importado a tus rutinas: {0}</translation>
    </message>
    <message>
        <source>Put in the folder “{0}” in your routines: {1}</source>
        <translation>Guardado en la carpeta «{0}» de tus rutinas: {1}</translation>
    </message>
    <message>
        <source>Routines that bring their own pictures or exercise files get a folder of their own, so nothing you already have is overwritten.</source>
        <translation>Las rutinas que traen sus propias imágenes o archivos de ejercicios van a una carpeta propia, para no sobrescribir nada de lo que ya tienes.</translation>
    </message>
    <message>
        <source>Already in your routines, unchanged: {0}</source>
        <translation>Ya estaba en tus rutinas, sin cambios: {0}</translation>
    </message>
    <message>
        <source>“{0}” was not imported. Please fix these problems first:</source>
        <translation>«{0}» no se ha importado. Corrige primero estos problemas:</translation>
    </message>
    <message>
        <source>Some files were not imported; nothing was copied for them.</source>
        <translation>Algunos archivos no se han importado; no se ha copiado nada de ellos.</translation>
    </message>
</context>
<context>
    <name>RoutineImporter</name>
    <message>
        <source>Import routine</source>
        <translation>Importar rutina</translation>
    </message>
    <message>
        <source>Routine files (*.yaml *.yml)</source>
        <translation>Archivos de rutina (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Import a folder of routines</source>
        <translation>Importar una carpeta de rutinas</translation>
    </message>
    <message>
        <source>A routine with this name exists</source>
        <translation>Ya existe una rutina con este nombre</translation>
    </message>
    <message>
        <source>Your routines already have a different “{0}”. Replace it?</source>
        <translation>Tus rutinas ya tienen otro «{0}» distinto. ¿Sustituirlo?</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Sustituir</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Conservar los dos</translation>
    </message>
    <message>
        <source>&amp;Skip this file</source>
        <translation>&amp;Omitir este archivo</translation>
    </message>
    <message>
        <source>Replace the routine</source>
        <translation>Sustituir la rutina</translation>
    </message>
    <message>
        <source>Keep both routines</source>
        <translation>Conservar las dos rutinas</translation>
    </message>
    <message>
        <source>Skip this file</source>
        <translation>Omitir este archivo</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>No se ha importado nada.</translation>
    </message>
</context>
<context>
    <name>SessionFlow</name>
    <message>
        <source>no history store</source>
        <translation>no hay historial</translation>
    </message>
    <message>
        <source>This session can&apos;t be saved: {0}</source>
        <translation>Esta sesión no se puede guardar: {0}</translation>
    </message>
    <message>
        <source>The history can be written again: this session is being saved.</source>
        <translation>El historial se puede escribir de nuevo: esta sesión se está guardando.</translation>
    </message>
    <message>
        <source>Saved in your history.</source>
        <translation>Guardada en tu historial.</translation>
    </message>
    <message>
        <source>Not saved: the history is not available.</source>
        <translation>No se ha guardado: el historial no está disponible.</translation>
    </message>
    <message>
        <source>Saving in your history…</source>
        <translation>Guardando en tu historial…</translation>
    </message>
    <message>
        <source>Not saved yet: {0} The session is kept and saved as soon as the history can be written; leave backcoach open until this says Saved.</source>
        <translation>Aún no se ha guardado: {0} La sesión se conserva y se guardará en cuanto se pueda escribir el historial; deja backcoach abierto hasta que diga «Guardada».</translation>
    </message>
    <message>
        <source>The new stage could not be saved: {0}</source>
        <translation>No se pudo guardar la nueva etapa: {0}</translation>
    </message>
</context>
<context>
    <name>SessionsModel</name>
    <message>
        <source>Date and time</source>
        <translation>Fecha y hora</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Rutina</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>Tiempo dedicado</translation>
    </message>
    <message>
        <source>Pain before → after</source>
        <translation>Dolor antes → después</translation>
    </message>
    <message>
        <source>Flare</source>
        <translation>Brote</translation>
    </message>
    <message>
        <source>Why it stopped</source>
        <translation>Por qué se detuvo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Preview at {0}× speed: left out of every statistic</source>
        <translation>Vista previa a velocidad {0}×: fuera de todas las estadísticas</translation>
    </message>
    <message>
        <source>{0} — stage {1}: {2}</source>
        <translation>{0} — etapa {1}: {2}</translation>
    </message>
    <message>
        <source>Preview ({0}×), {1}</source>
        <translation>Vista previa ({0}×), {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Mon</source>
        <translation>lu</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>ma</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>ju</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vi</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sá</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Secciones de las preferencias</translation>
    </message>
    <message>
        <source>&amp;Voice and sound</source>
        <translation>&amp;Voz y sonido</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Aspecto</translation>
    </message>
    <message>
        <source>&amp;Routines</source>
        <translation>&amp;Rutinas</translation>
    </message>
    <message>
        <source>&amp;Posture breaks</source>
        <translation>&amp;Pausas posturales</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>Guardar y cerrar</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Cerrar sin guardar</translation>
    </message>
    <message>
        <source>Save and keep open</source>
        <translation>Guardar sin cerrar</translation>
    </message>
    <message>
        <source>Restore the defaults</source>
        <translation>Restablecer los valores predeterminados</translation>
    </message>
    <message>
        <source>Speak the &amp;cues</source>
        <translation>Decir los &amp;avisos en voz alta</translation>
    </message>
    <message>
        <source>Speak the cues</source>
        <translation>Decir los avisos en voz alta</translation>
    </message>
    <message>
        <source>Say each exercise, the countdown and what comes next aloud</source>
        <translation>Dice en voz alta cada ejercicio, la cuenta atrás y lo que viene después</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Voz predeterminada</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Which voice speaks the cues</source>
        <translation>Qué voz dice los avisos</translation>
    </message>
    <message>
        <source>V&amp;oice:</source>
        <translation>V&amp;oz:</translation>
    </message>
    <message>
        <source>Speaking rate</source>
        <translation>Velocidad de la voz</translation>
    </message>
    <message>
        <source>Slower to the left, faster to the right</source>
        <translation>Más lenta a la izquierda, más rápida a la derecha</translation>
    </message>
    <message>
        <source>Speaking &amp;rate:</source>
        <translation>Velocidad de la v&amp;oz:</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Volume of the voice and the sounds</source>
        <translation>Volumen de la voz y de los sonidos</translation>
    </message>
    <message>
        <source>Vol&amp;ume:</source>
        <translation>Vol&amp;umen:</translation>
    </message>
    <message>
        <source>Play &amp;sounds (bell, chime, tick)</source>
        <translation>Reproducir &amp;sonidos (campana, carillón, tic)</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>Reproducir sonidos</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Colours of the app; dark is easier on eyes sensitive to light</source>
        <translation>Colores de la aplicación; el oscuro es más cómodo para ojos sensibles a la luz</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>From 100 to 200 percent</source>
        <translation>Del 100 al 200 por ciento</translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation>Tamaño del te&amp;xto:</translation>
    </message>
    <message>
        <source>Reduce &amp;motion (show both pictures side by side)</source>
        <translation>Reducir el &amp;movimiento (mostrar las dos imágenes juntas)</translation>
    </message>
    <message>
        <source>Reduce motion</source>
        <translation>Reducir el movimiento</translation>
    </message>
    <message>
        <source>The exercise pictures stay still instead of taking turns</source>
        <translation>Las imágenes del ejercicio quedan fijas en lugar de alternarse</translation>
    </message>
    <message>
        <source>Routines are read from the bundled collection, your own routines folder and these folders (for example one your therapist shares with you).</source>
        <translation>Las rutinas se leen de la colección incluida, de tu propia carpeta de rutinas y de estas carpetas (por ejemplo, una que comparta contigo tu fisioterapeuta).</translation>
    </message>
    <message>
        <source>Extra routine folders</source>
        <translation>Otras carpetas de rutinas</translation>
    </message>
    <message>
        <source>&amp;Extra routine folders:</source>
        <translation>&amp;Otras carpetas de rutinas:</translation>
    </message>
    <message>
        <source>A&amp;dd folder…</source>
        <translation>A&amp;ñadir carpeta…</translation>
    </message>
    <message>
        <source>Add a routine folder</source>
        <translation>Añadir una carpeta de rutinas</translation>
    </message>
    <message>
        <source>Re&amp;move folder</source>
        <translation>&amp;Quitar carpeta</translation>
    </message>
    <message>
        <source>Remove the selected routine folder</source>
        <translation>Quitar la carpeta de rutinas seleccionada</translation>
    </message>
    <message>
        <source>Your own routines: {0}</source>
        <translation>Tus propias rutinas: {0}</translation>
    </message>
    <message>
        <source>Remind me to take &amp;posture breaks</source>
        <translation>Recordarme hacer &amp;pausas posturales</translation>
    </message>
    <message>
        <source>Posture break reminders</source>
        <translation>Recordatorios de pausas posturales</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes between breaks</source>
        <translation>Minutos entre pausas</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>&amp;Cada:</translation>
    </message>
    <message>
        <source>On these days:</source>
        <translation>Estos días:</translation>
    </message>
    <message>
        <source>Reminders start at</source>
        <translation>Los recordatorios empiezan a las</translation>
    </message>
    <message>
        <source>Reminders end at</source>
        <translation>Los recordatorios terminan a las</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;hasta</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>Take turns with all break routines</source>
        <translation>Alternar todas las rutinas de pausa</translation>
    </message>
    <message>
        <source>Break routine</source>
        <translation>Rutina de pausa</translation>
    </message>
    <message>
        <source>&amp;Routine:</source>
        <translation>&amp;Rutina:</translation>
    </message>
    <message>
        <source>Away time that counts as a break</source>
        <translation>Tiempo fuera que cuenta como pausa</translation>
    </message>
    <message>
        <source>Being away from the computer this long counts as a break taken</source>
        <translation>Estar este tiempo lejos del ordenador cuenta como una pausa hecha</translation>
    </message>
    <message>
        <source>Away &amp;counts as a break after:</source>
        <translation>Estar &amp;fuera cuenta como pausa tras:</translation>
    </message>
    <message>
        <source>How time away is detected here</source>
        <translation>Cómo se detecta aquí el tiempo fuera</translation>
    </message>
    <message>
        <source>Start the reminder when I &amp;log in</source>
        <translation>Iniciar el recordatorio al &amp;entrar en la sesión</translation>
    </message>
    <message>
        <source>Start the reminder at log-in</source>
        <translation>Iniciar el recordatorio al entrar en la sesión</translation>
    </message>
    <message>
        <source>Your history and settings stay on this computer, in this folder. Nothing is sent anywhere.</source>
        <translation>Tu historial y tus preferencias se quedan en este ordenador, en esta carpeta. No se envía nada a ningún sitio.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation>Carpeta de &amp;datos:</translation>
    </message>
    <message>
        <source>&amp;Open the data folder</source>
        <translation>&amp;Abrir la carpeta de datos</translation>
    </message>
    <message>
        <source>Open the data folder in the file manager</source>
        <translation>Abrir la carpeta de datos en el gestor de archivos</translation>
    </message>
    <message>
        <source>Start at log-in</source>
        <translation>Iniciar al entrar en la sesión</translation>
    </message>
    <message>
        <source>Choose a routine folder</source>
        <translation>Elige una carpeta de rutinas</translation>
    </message>
    <message>
        <source>The folder could not be opened here. It is: {0}</source>
        <translation>No se pudo abrir la carpeta aquí. Es: {0}</translation>
    </message>
</context>
<context>
    <name>SideBadge</name>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>LEFT</source>
        <translation>IZQUIERDO</translation>
    </message>
    <message>
        <source>RIGHT</source>
        <translation>DERECHO</translation>
    </message>
    <message>
        <source>L ⇄ R</source>
        <translation>I ⇄ D</translation>
    </message>
</context>
<context>
    <name>SimpleBreak</name>
    <message>
        <source>Stand up and move for two or three minutes: walk, roll your shoulders, reach up tall, look into the distance. Come back when you are done.</source>
        <translation>Levántate y muévete dos o tres minutos: camina, gira los hombros, estírate hacia arriba, mira a lo lejos. Vuelve cuando termines.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hecho</translation>
    </message>
    <message>
        <source>Done with the break</source>
        <translation>Pausa terminada</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Finish or stop this session first, then start “{0}”.</source>
        <translation>Termina o detén primero esta sesión y después empieza «{0}».</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <source>Posture breaks — backcoach</source>
        <translation>Pausas posturales — backcoach</translation>
    </message>
    <message>
        <source>Posture break reminder</source>
        <translation>Recordatorio de pausas posturales</translation>
    </message>
    <message>
        <source>Time left icon</source>
        <translation>Icono del tiempo restante</translation>
    </message>
    <message>
        <source>Time to the next break</source>
        <translation>Tiempo hasta la próxima pausa</translation>
    </message>
    <message>
        <source>About this window</source>
        <translation>Acerca de esta ventana</translation>
    </message>
    <message>
        <source>&amp;Take a break now</source>
        <translation>&amp;Hacer una pausa ahora</translation>
    </message>
    <message>
        <source>Take a break now</source>
        <translation>Hacer una pausa ahora</translation>
    </message>
    <message>
        <source>&amp;Snooze 10 minutes</source>
        <translation>&amp;Posponer 10 minutos</translation>
    </message>
    <message>
        <source>Snooze 10 minutes</source>
        <translation>Posponer 10 minutos</translation>
    </message>
    <message>
        <source>Pause for an &amp;hour</source>
        <translation>Pausar una h&amp;ora</translation>
    </message>
    <message>
        <source>Pause for an hour</source>
        <translation>Pausar una hora</translation>
    </message>
    <message>
        <source>Pause until to&amp;morrow</source>
        <translation>Pausar hasta &amp;mañana</translation>
    </message>
    <message>
        <source>Pause until tomorrow</source>
        <translation>Pausar hasta mañana</translation>
    </message>
    <message>
        <source>&amp;Resume breaks</source>
        <translation>&amp;Reanudar las pausas</translation>
    </message>
    <message>
        <source>Resume breaks</source>
        <translation>Reanudar las pausas</translation>
    </message>
    <message>
        <source>&amp;Open backcoach</source>
        <translation>&amp;Abrir backcoach</translation>
    </message>
    <message>
        <source>Open backcoach</source>
        <translation>Abrir backcoach</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit the break reminder</source>
        <translation>Salir del recordatorio de pausas</translation>
    </message>
</context>
<context>
    <name>StopPanel</name>
    <message>
        <source>Stop the session? What you did so far is saved. Why stop?</source>
        <translation>¿Detener la sesión? Lo que llevas hecho está guardado. ¿Por qué paras?</translation>
    </message>
    <message>
        <source>Stop (Enter)</source>
        <translation>Detener (Intro)</translation>
    </message>
    <message>
        <source>Stop the session</source>
        <translation>Detener la sesión</translation>
    </message>
    <message>
        <source>Keep going (Esc)</source>
        <translation>Seguir (Esc)</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>Sigue así</translation>
    </message>
    <message>
        <source>&amp;Pain</source>
        <translation>&amp;Dolor</translation>
    </message>
    <message>
        <source>&amp;Tired</source>
        <translation>&amp;Cansancio</translation>
    </message>
    <message>
        <source>&amp;Interrupted</source>
        <translation>&amp;Interrupción</translation>
    </message>
    <message>
        <source>&amp;Other reason</source>
        <translation>&amp;Otro motivo</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Session summary</source>
        <translation>Resumen de la sesión</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>Tiempo dedicado</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>Pasos hechos</translation>
    </message>
    <message>
        <source>Steps skipped</source>
        <translation>Pasos saltados</translation>
    </message>
    <message>
        <source>Pain before → after</source>
        <translation>Dolor antes → después</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>Hecho (Intro)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>You have done the sessions this stage asks for, and your pain did not go up after them. Ready for the next stage, {0}? {1}.</source>
        <translation>Has hecho las sesiones que pide esta etapa y el dolor no aumentó después. ¿Lista o listo para la siguiente etapa, {0}? {1}.</translation>
    </message>
    <message>
        <source>Yes, move on (Y)</source>
        <translation>Sí, avanzar (Y)</translation>
    </message>
    <message>
        <source>Not yet (N)</source>
        <translation>Todavía no (N)</translation>
    </message>
    <message>
        <source>Two recent sessions stopped because of pain. Go back to the stage before, {0}, for a while? {1}.</source>
        <translation>Dos sesiones recientes se pararon por dolor. ¿Volver un tiempo a la etapa anterior, {0}? {1}.</translation>
    </message>
    <message>
        <source>Yes, go back (Y)</source>
        <translation>Sí, volver (Y)</translation>
    </message>
    <message>
        <source>No, stay (N)</source>
        <translation>No, seguir aquí (N)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Done: your next session runs {0}.</source>
        <translation>Hecho: tu próxima sesión usa {0}.</translation>
    </message>
    <message>
        <source>Fine: you stay where you are. You can go back a stage any time on the routine&apos;s page.</source>
        <translation>De acuerdo: sigues donde estás. Puedes volver a una etapa anterior cuando quieras en la página de la rutina.</translation>
    </message>
    <message>
        <source>Fine: the offer comes again after your next session.</source>
        <translation>De acuerdo: la propuesta volverá tras tu próxima sesión.</translation>
    </message>
    <message>
        <source>Completed. Well done.</source>
        <translation>Completada. Bien hecho.</translation>
    </message>
    <message>
        <source>Stopped early. Listening to your body is part of the work.</source>
        <translation>Detenida antes de tiempo. Escuchar a tu cuerpo también es parte del trabajo.</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <source>This was a preview at ×{0}; it is kept out of your statistics.</source>
        <translation>Ha sido una vista previa a ×{0}; no cuenta en tus estadísticas.</translation>
    </message>
</context>
<context>
    <name>UrgentBanner</name>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Get medical help now</source>
        <translation>Busca ayuda médica ahora</translation>
    </message>
</context>
<context>
    <name>announce</name>
    <message>
        <source>Get ready.</source>
        <translation>Prepárate.</translation>
    </message>
    <message>
        <source>First: {0}.</source>
        <translation>Primero: {0}.</translation>
    </message>
    <message>
        <source>{0}.</source>
        <translation>{0}.</translation>
    </message>
    <message>
        <source>Left side.</source>
        <translation>Lado izquierdo.</translation>
    </message>
    <message>
        <source>Right side.</source>
        <translation>Lado derecho.</translation>
    </message>
    <message>
        <source>Set {0} of {1}.</source>
        <translation>Serie {0} de {1}.</translation>
    </message>
    <message>
        <source>Hold.</source>
        <translation>Mantén.</translation>
    </message>
    <message>
        <source>Hold {0} of {1}.</source>
        <translation>Mantén, {0} de {1}.</translation>
    </message>
    <message>
        <source>{0} reps. I will count.</source>
        <translation>{0} repeticiones. Yo cuento.</translation>
    </message>
    <message>
        <source>{0} reps, at your own pace.</source>
        <translation>{0} repeticiones, a tu ritmo.</translation>
    </message>
    <message>
        <source>Press Done when you finish.</source>
        <translation>Pulsa Hecho cuando termines.</translation>
    </message>
    <message>
        <source>Begin.</source>
        <translation>Empieza.</translation>
    </message>
    <message>
        <source>Relax.</source>
        <translation>Relaja.</translation>
    </message>
    <message>
        <source>Switch sides.</source>
        <translation>Cambia de lado.</translation>
    </message>
    <message>
        <source>Rest.</source>
        <translation>Descansa.</translation>
    </message>
    <message>
        <source>Next: {0}.</source>
        <translation>Después: {0}.</translation>
    </message>
    <message>
        <source>Next: set {0} of {1}.</source>
        <translation>Después: serie {0} de {1}.</translation>
    </message>
    <message>
        <source>{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>Well done. Session complete.</source>
        <translation>Bien hecho. Sesión completada.</translation>
    </message>
    <message>
        <source>{0} reps each side, alternating. I will count.</source>
        <translation>{0} repeticiones por lado, alternando. Yo cuento.</translation>
    </message>
    <message>
        <source>{0} reps each side, alternating, at your own pace.</source>
        <translation>{0} repeticiones por lado, alternando, a tu ritmo.</translation>
    </message>
    <message>
        <source>Left {0}</source>
        <translation>Izquierda {0}</translation>
    </message>
    <message>
        <source>Right {0}</source>
        <translation>Derecha {0}</translation>
    </message>
    <message>
        <source>One</source>
        <translation>Uno</translation>
    </message>
    <message>
        <source>Two</source>
        <translation>Dos</translation>
    </message>
    <message>
        <source>Three</source>
        <translation>Tres</translation>
    </message>
    <message>
        <source>Four</source>
        <translation>Cuatro</translation>
    </message>
    <message>
        <source>Five</source>
        <translation>Cinco</translation>
    </message>
    <message>
        <source>Six</source>
        <translation>Seis</translation>
    </message>
    <message>
        <source>Seven</source>
        <translation>Siete</translation>
    </message>
    <message>
        <source>Eight</source>
        <translation>Ocho</translation>
    </message>
    <message>
        <source>Nine</source>
        <translation>Nueve</translation>
    </message>
    <message>
        <source>Ten</source>
        <translation>Diez</translation>
    </message>
    <message>
        <source>Eleven</source>
        <translation>Once</translation>
    </message>
    <message>
        <source>Twelve</source>
        <translation>Doce</translation>
    </message>
    <message>
        <source>Thirteen</source>
        <translation>Trece</translation>
    </message>
    <message>
        <source>Fourteen</source>
        <translation>Catorce</translation>
    </message>
    <message>
        <source>Fifteen</source>
        <translation>Quince</translation>
    </message>
    <message>
        <source>Sixteen</source>
        <translation>Dieciséis</translation>
    </message>
    <message>
        <source>Seventeen</source>
        <translation>Diecisiete</translation>
    </message>
    <message>
        <source>Eighteen</source>
        <translation>Dieciocho</translation>
    </message>
    <message>
        <source>Nineteen</source>
        <translation>Diecinueve</translation>
    </message>
    <message>
        <source>Twenty</source>
        <translation>Veinte</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>The history file {0} is not a file.</source>
        <translation>El archivo del historial {0} no es un archivo.</translation>
    </message>
    <message>
        <source>Move it away, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).</source>
        <translation>Muévalo a otro sitio o elija otra carpeta de datos (--data-dir o BACKCOACH_DATA_DIR).</translation>
    </message>
    <message>
        <source>The history file {0} was made by a newer backcoach (history version {1}; this one knows up to {2}).</source>
        <translation>El archivo del historial {0} lo creó una versión más reciente de backcoach (versión del historial {1}; esta versión llega hasta la {2}).</translation>
    </message>
    <message>
        <source>Update backcoach to use it; the file was left unchanged.</source>
        <translation>Actualice backcoach para usarlo; el archivo no se ha modificado.</translation>
    </message>
    <message>
        <source>The history file {0} cannot be read, and it could not be moved aside ({1}).</source>
        <translation>No se puede leer el archivo del historial {0} y tampoco se pudo apartar ({1}).</translation>
    </message>
    <message>
        <source>Move it away yourself to start a new history.</source>
        <translation>Muévalo usted a otro sitio para empezar un historial nuevo.</translation>
    </message>
    <message>
        <source>Cannot create the data folder {0}: {1} is a file, not a folder.</source>
        <translation>No se puede crear la carpeta de datos {0}: {1} es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>Choose another data folder (--data-dir or BACKCOACH_DATA_DIR).</source>
        <translation>Elija otra carpeta de datos (--data-dir o BACKCOACH_DATA_DIR).</translation>
    </message>
    <message>
        <source>Cannot create the data folder {0} for the history ({1}).</source>
        <translation>No se puede crear la carpeta de datos {0} para el historial ({1}).</translation>
    </message>
    <message>
        <source>Check that the folder can be written, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).</source>
        <translation>Compruebe que se puede escribir en la carpeta o elija otra carpeta de datos (--data-dir o BACKCOACH_DATA_DIR).</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: the disk is full.</source>
        <translation>No se puede usar el archivo del historial {0}: el disco está lleno.</translation>
    </message>
    <message>
        <source>Free some disk space and try again.</source>
        <translation>Libere algo de espacio en el disco y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: the file or its folder is read-only.</source>
        <translation>No se puede usar el archivo del historial {0}: el archivo o su carpeta son de solo lectura.</translation>
    </message>
    <message>
        <source>Make {0} writable, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).</source>
        <translation>Permita escribir en {0} o elija otra carpeta de datos (--data-dir o BACKCOACH_DATA_DIR).</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: another program is using it.</source>
        <translation>No se puede usar el archivo del historial {0}: otro programa lo está usando.</translation>
    </message>
    <message>
        <source>Close the other backcoach window or command and try again.</source>
        <translation>Cierre la otra ventana u orden de backcoach y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: it cannot be opened or created.</source>
        <translation>No se puede usar el archivo del historial {0}: no se puede abrir ni crear.</translation>
    </message>
    <message>
        <source>Check that {0} exists and can be written, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).</source>
        <translation>Compruebe que {0} existe y que se puede escribir en ella, o elija otra carpeta de datos (--data-dir o BACKCOACH_DATA_DIR).</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: {1}.</source>
        <translation>No se puede usar el archivo del historial {0}: {1}.</translation>
    </message>
    <message>
        <source>Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>Revise el disco y los permisos de la carpeta, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: it is damaged ({1}).</source>
        <translation>No se puede usar el archivo del historial {0}: está dañado ({1}).</translation>
    </message>
    <message>
        <source>Move it away to start a new history; keep it, it may be recoverable.</source>
        <translation>Muévalo a otro sitio para empezar un historial nuevo; guárdelo, quizá se pueda recuperar.</translation>
    </message>
    <message>
        <source>The history file {0} could not be read ({1}).</source>
        <translation>No se pudo leer el archivo del historial {0} ({1}).</translation>
    </message>
    <message>
        <source>It was moved to {0} and a new, empty history was started.</source>
        <translation>Se ha movido a {0} y se ha empezado un historial nuevo, vacío.</translation>
    </message>
    <message>
        <source>Keep the old file: it may be recoverable.</source>
        <translation>Guarde el archivo antiguo: quizá se pueda recuperar.</translation>
    </message>
    <message>
        <source>The file {0} beside the history belongs to another database, so it was not merged into the history.</source>
        <translation>El archivo {0} junto al historial pertenece a otra base de datos, así que no se ha mezclado con el historial.</translation>
    </message>
    <message>
        <source>It was moved to {0}; the history is as it was last saved.</source>
        <translation>Se ha movido a {0}; el historial está como se guardó por última vez.</translation>
    </message>
    <message>
        <source>Cannot use the history file {0}: the file {1} beside it belongs to another database.</source>
        <translation>No se puede usar el archivo del historial {0}: el archivo {1} que tiene al lado pertenece a otra base de datos.</translation>
    </message>
    <message>
        <source>Start backcoach once: it moves that file aside and opens the history as it was saved.</source>
        <translation>Abra backcoach una vez: apartará ese archivo y abrirá el historial tal como se guardó.</translation>
    </message>
    <message>
        <source>The file {0} beside the history belongs to another database and could not be moved aside ({1}).</source>
        <translation>El archivo {0} junto al historial pertenece a otra base de datos y no se pudo apartar ({1}).</translation>
    </message>
    <message>
        <source>Move it away yourself; until then the history is left as it is.</source>
        <translation>Muévalo usted a otro sitio; hasta entonces el historial se deja como está.</translation>
    </message>
</context>
<context>
    <name>library</name>
    <message>
        <source>The routine folder {0} was not found; its routines are not listed.</source>
        <translation>No se encontró la carpeta de rutinas {0}; sus rutinas no aparecen en la lista.</translation>
    </message>
    <message>
        <source>The routine folder {0} is a file, not a folder; choose a folder in Settings.</source>
        <translation>La carpeta de rutinas {0} es un archivo, no una carpeta; elige una carpeta en Preferencias.</translation>
    </message>
    <message>
        <source>The routine folder {0} could not be read ({1}); its routines are not listed.</source>
        <translation>No se pudo leer la carpeta de rutinas {0} ({1}); sus rutinas no aparecen en la lista.</translation>
    </message>
</context>
<context>
    <name>private</name>
    <message>
        <source>backcoach made its data folder {0} private: it and the files in it can now be read only by you ({1} changed).</source>
        <translation>backcoach ha hecho privada su carpeta de datos {0}: ahora solo usted puede leerla a ella y a sus archivos ({1} cambiados).</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>{0} is not a folder (a file is in the way); using the default settings, and changes can&apos;t be saved.</source>
        <translation>{0} no es una carpeta (hay un archivo en su lugar); se usan los ajustes predeterminados y los cambios no se podrán guardar.</translation>
    </message>
    <message>
        <source>The settings file {0} could not be read ({1}).</source>
        <translation>No se pudo leer el archivo de ajustes {0} ({1}).</translation>
    </message>
    <message>
        <source>The settings file {0} is not valid JSON (line {1}).</source>
        <translation>El archivo de ajustes {0} no es JSON válido (línea {1}).</translation>
    </message>
    <message>
        <source>The settings file {0} is not valid JSON (nested too deeply).</source>
        <translation>El archivo de ajustes {0} no es JSON válido (anidado demasiado profundo).</translation>
    </message>
    <message>
        <source>The settings file {0} holds a number of thousands of digits.</source>
        <translation>El archivo de ajustes {0} contiene un número de miles de cifras.</translation>
    </message>
    <message>
        <source>The settings file {0} could not be read (not UTF-8 text).</source>
        <translation>No se pudo leer el archivo de ajustes {0} (no es texto UTF-8).</translation>
    </message>
    <message>
        <source>The settings file {0} holds a list, not settings.</source>
        <translation>El archivo de ajustes {0} contiene una lista, no ajustes.</translation>
    </message>
    <message>
        <source>The settings file {0} holds a text, not settings.</source>
        <translation>El archivo de ajustes {0} contiene un texto, no ajustes.</translation>
    </message>
    <message>
        <source>The settings file {0} holds true or false, not settings.</source>
        <translation>El archivo de ajustes {0} contiene un valor verdadero o falso, no ajustes.</translation>
    </message>
    <message>
        <source>The settings file {0} holds null, not settings.</source>
        <translation>El archivo de ajustes {0} contiene null, no ajustes.</translation>
    </message>
    <message>
        <source>The settings file {0} holds a number, not settings.</source>
        <translation>El archivo de ajustes {0} contiene un número, no ajustes.</translation>
    </message>
    <message>
        <source>The settings file {0} has values of the wrong kind ({1}).</source>
        <translation>El archivo de ajustes {0} tiene valores de tipo incorrecto ({1}).</translation>
    </message>
    <message>
        <source>backcoach uses the defaults instead.</source>
        <translation>backcoach usa los valores predeterminados en su lugar.</translation>
    </message>
    <message>
        <source>backcoach uses the defaults for those.</source>
        <translation>backcoach usa los valores predeterminados para esos.</translation>
    </message>
    <message>
        <source>The file is kept: the next time settings are saved it is renamed {0}.bad-&lt;date&gt; first.</source>
        <translation>El archivo se conserva: la próxima vez que se guarden los ajustes, antes se le cambiará el nombre a {0}.bad-&lt;fecha&gt;.</translation>
    </message>
</context>
</TS>
